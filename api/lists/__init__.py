"""Imported public lists: OIG LEIE and SAM.gov exclusions, the NPPES NPI file.

formats.py reads each published layout row by row, importer.py streams a file into a new
list version and flips it active in one transaction, source.py serves the active versions
to the screening rules, cli.py holds ``credintake lists ...``.
"""

"""Seeded generator of realistic, labeled credentialing packets (see README.md).

Entry points: ``persona.make_persona``, ``generate.render_document``,
``generate.generate_packet`` / ``generate_batch``, ``templates.list_templates``.
"""

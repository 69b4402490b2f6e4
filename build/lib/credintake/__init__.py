"""credintake: document-AI intake and extraction for provider credentialing packets.

The package is assembled from the repository's top-level folders (see pyproject.toml):
``credintake.extractor`` (reading, splitting, classification, fields), ``credintake.models``
(trained artefacts and their training code), ``credintake.rules`` (profile, reconciliation,
findings), ``credintake.api`` (CLI, HTTP API, screens, jobs, storage) and
``credintake.sample_docs`` (the labeled sample-packet generator).
"""

__version__ = "0.1.0"

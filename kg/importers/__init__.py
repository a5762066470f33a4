"""Stage 3, beside curation: bulk importers. External film corpora become N-Quads beside the build (``out/imports/``).

Every importer streams its source, checks each record (errors name the row), writes one
graph that names the source, and replaces its output file atomically.
"""

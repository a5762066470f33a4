"""Stage 1, ingest: from what curators write to RDF on disk (``kg.build()``, ``kg build``).

The modules in the order a fact passes through them: :mod:`~kg.ingest.yamlfile` (YAML with line
numbers), :mod:`~kg.ingest.documents` (articles and their metadata), :mod:`~kg.ingest.factsheets`
(sheets checked against :mod:`~kg.ingest.vocabulary`, dates as :mod:`~kg.ingest.dates`),
:mod:`~kg.ingest.names` (which names are one entity), :mod:`~kg.ingest.ontology`,
:mod:`~kg.ingest.dataset` (sheets to an RDF dataset with provenance), :mod:`~kg.ingest.validation`
(SHACL), :mod:`~kg.ingest.output` (files written atomically) and :mod:`~kg.ingest.pipeline`
(all of it: ``kg.build()``).

Nothing here imports a later stage.
"""

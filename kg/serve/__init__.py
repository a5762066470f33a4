"""Stage 5: the graph over HTTP, and the same pages as static files.

:mod:`~kg.serve.app` is the read-only SPARQL 1.1 endpoint (``kg serve``); :mod:`~kg.serve.worker`
runs the public's queries in separate processes with time and memory limits;
:mod:`~kg.serve.cache` keeps their answers per build and :mod:`~kg.serve.lanes` keeps cheap
queries from waiting behind expensive ones. :mod:`~kg.serve.web` adds the pages people read:
:mod:`~kg.serve.entity` (a page per IRI, and its RDF by content negotiation),
:mod:`~kg.serve.reader` (a document with its evidence spans), :mod:`~kg.serve.search` and
:mod:`~kg.serve.yasgui` (the query page), all drawn with :mod:`~kg.serve.templates`;
:mod:`~kg.serve.site` writes the same pages as files (``kg site``).
"""

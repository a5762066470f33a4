"""Stage 2: asking the built graph questions.

:mod:`~kg.query.store` opens a build in one of four stores (rdflib, Oxigraph on disk or in RAM,
a remote SPARQL server), :mod:`~kg.query.queries` reads the named queries,
:mod:`~kg.query.results` turns answers into rows, tables and files, :mod:`~kg.query.sparql` holds
portable query pieces, and :mod:`~kg.query.push` uploads a build to a server.
"""

"""Stage 5: the graph over HTTP.

:mod:`~kg.serve.app` is the read-only SPARQL 1.1 endpoint (``kg serve``), :mod:`~kg.serve.worker`
runs queries in separate processes with time and memory limits, :mod:`~kg.serve.page` renders
the query page.
"""

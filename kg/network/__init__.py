"""Stage 4: the graph as networks, and networks as pictures.

:mod:`kg.network.graphs` reads any store with SPARQL and returns networkx graphs (the entity graph,
projections, focus subgraphs) and exports them for Gephi; :mod:`kg.network.layout` places large
graphs; :mod:`kg.network.views` draws them as offline HTML pages. The graph functions are
re-exported here so notebooks can write ``import kg.network as kn``.
"""

from kg.network.graphs import (
    EXPORT_FORMATS,
    LANGUAGES,
    PROJECTIONS,
    build_graph,
    class_word,
    collaboration_network,
    country_network,
    entity_graph,
    entity_id,
    export,
    film_event_network,
    find_entities,
    focus_graph,
    focus_nodes,
    local_name,
    mark_conflicts,
    node_link,
    pick_label,
    predicate_label,
    projection,
    relabel,
    scalar_copy,
    transitive_closure,
)

__all__ = [
    "EXPORT_FORMATS",
    "LANGUAGES",
    "PROJECTIONS",
    "build_graph",
    "class_word",
    "collaboration_network",
    "country_network",
    "entity_graph",
    "entity_id",
    "export",
    "film_event_network",
    "find_entities",
    "focus_graph",
    "focus_nodes",
    "local_name",
    "mark_conflicts",
    "node_link",
    "pick_label",
    "predicate_label",
    "projection",
    "relabel",
    "scalar_copy",
    "transitive_closure",
]

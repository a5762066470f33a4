"""Finding things in a document's text for ``kg draft``: names of entities, dates, quantities,
quotations and roles. Each module finds one kind, with the exact character offsets of what it
found, so every proposal can quote its evidence. Nothing here writes to the graph.
"""

"""Stage 3: growing the graph and checking what it says.

:mod:`~kg.curate.intake` registers articles (``kg add``), :mod:`~kg.curate.extract` finds
mentions in their text, :mod:`~kg.curate.draft` proposes a fact sheet (``kg draft``), and
:mod:`~kg.curate.conflicts` lists where the built graph's sources disagree (``kg conflicts``).
"""

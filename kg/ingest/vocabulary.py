"""The curator's vocabulary: the words a fact sheet may use, and the RDF terms they stand for.

Fact sheets say ``type: Movie`` and ``property: director``; this table turns those words into
schema.org (or, where schema.org has nothing, project) terms and says what kind of value each
property takes, so that a fact sheet error can be reported in the curator's own words.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

SDO = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
WD = Namespace("http://www.wikidata.org/entity/")

BASE = "https://w3id.org/sco-film-kg/"
KGO = Namespace(BASE + "ontology#")
RES = Namespace(BASE + "resource/")
DOC = Namespace(BASE + "document/")
SRC = Namespace(BASE + "source/")
ONTOLOGY_IRI = BASE + "ontology"

PREFIXES = {
    "schema": SDO,
    "prov": PROV,
    "nif": NIF,
    "skos": SKOS,
    "wd": WD,
    "rdfs": RDFS,
    "rdf": RDF,
    "owl": OWL,
    "xsd": XSD,
    "kgo": KGO,
    "kgr": RES,
    "kgd": DOC,
    "kgs": SRC,
}

def shorten(iri: str) -> str:
    """``https://schema.org/Movie`` -> ``schema:Movie`` for the prefixes the graph uses."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and "/" not in iri[len(str(ns)) :]:
            return f"{prefix}:{iri[len(str(ns)) :]}"
    return iri


#: Fact-sheet type word -> RDF classes (the first is the main one; all are asserted).
CLASSES: dict[str, tuple] = {
    "Movie": (SDO.Movie,),
    "Person": (SDO.Person,),
    "Country": (SDO.Country, SDO.Place),
    "Organization": (SDO.Organization,),
    "City": (SDO.City, SDO.Place),
    "AdministrativeArea": (SDO.AdministrativeArea, SDO.Place),
    "Place": (SDO.Place,),
    "MovieTheater": (SDO.MovieTheater, SDO.Place),
    "Event": (SDO.Event,),
    "Festival": (SDO.Festival, SDO.Event),
    "ScreeningEvent": (SDO.ScreeningEvent, SDO.Event),
    "Release": (SDO.PublicationEvent, SDO.Event),
    "CulturalProgramme": (KGO.CulturalProgramme, SDO.Event),
    "Genre": (SKOS.Concept,),
    "Audience": (SDO.Audience,),
    "Quotation": (SDO.Quotation,),
    "Agreement": (KGO.Agreement, SDO.CreativeWork),
}

#: Types that count as a place (for ``location``, ``containedInPlace`` ...).
PLACES = ("Country", "City", "AdministrativeArea", "Place", "MovieTheater")
EVENTS = ("Event", "Festival", "ScreeningEvent", "Release", "CulturalProgramme")
AGENTS = ("Person", "Organization")


@dataclass(frozen=True)
class Property:
    """One fact-sheet property word.

    ``kind`` says what the value is: ``entity`` (an id, whose type must be one of ``range``),
    ``text`` (a plain string), ``langtext`` (a string with ``lang``), ``date`` (a date of the
    precision given), ``quantity`` (value, or bounds with the document's wording), ``duration``
    (ISO 8601, e.g. PT146M), ``iri`` (a web address) or ``money``.
    """

    iri: object
    kind: str
    range: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()
    role_class: object = SDO.Role


PROPERTIES: dict[str, Property] = {
    # people and organisations in a film
    "director": Property(SDO.director, "entity", ("Person",), ("Movie",)),
    "actor": Property(SDO.actor, "entity", ("Person",), ("Movie",), SDO.PerformanceRole),
    "producer": Property(SDO.producer, "entity", AGENTS, ("Movie",)),
    "author": Property(SDO.author, "entity", AGENTS, ("Movie",)),
    "musicBy": Property(SDO.musicBy, "entity", ("Person",), ("Movie",)),
    "cinematographer": Property(KGO.cinematographer, "entity", ("Person",), ("Movie",)),
    "productionCompany": Property(SDO.productionCompany, "entity", ("Organization",), ("Movie",)),
    "distributor": Property(KGO.distributor, "entity", ("Organization",), ("Movie", "Release")),
    # what a film is
    "countryOfOrigin": Property(SDO.countryOfOrigin, "entity", ("Country",), ("Movie",)),
    "genre": Property(SDO.genre, "entity", ("Genre",), ("Movie",)),
    "inLanguage": Property(SDO.inLanguage, "text", (), ("Movie",)),
    "duration": Property(SDO.duration, "duration", (), ("Movie",)),
    "abstract": Property(SDO.abstract, "text", (), ("Movie",)),
    "about": Property(SDO.about, "entity", (), ("Movie", "Quotation", "Agreement")),
    "datePublished": Property(SDO.datePublished, "date", (), ("Movie",)),
    "creativeWorkStatus": Property(SDO.creativeWorkStatus, "text", (), ("Movie", "Agreement")),
    "partOfProgramme": Property(KGO.partOfProgramme, "entity", ("CulturalProgramme",), ("Movie",)),
    "claimedDistinction": Property(KGO.claimedDistinction, "text"),
    "castAndCrewSize": Property(KGO.castAndCrewSize, "quantity", (), ("Movie",)),
    "coProducedFilmCount": Property(KGO.coProducedFilmCount, "quantity", (), ("Organization",)),
    "budget": Property(KGO.budget, "money", (), ("Movie",)),
    "boxOffice": Property(KGO.boxOffice, "money", (), ("Movie", "Release")),
    "audienceSize": Property(KGO.audienceSize, "quantity", (), ("Movie", "Release")),
    "temporalCoverage": Property(SDO.temporalCoverage, "text", (), ("Movie",)),
    "contentLocation": Property(SDO.contentLocation, "entity", PLACES, ("Movie",)),
    "releasedEvent": Property(SDO.releasedEvent, "entity", ("Release",), ("Movie",)),
    # people
    "nationality": Property(SDO.nationality, "entity", ("Country",), ("Person",)),
    # organisations and places
    "member": Property(SDO.member, "entity", ("Country",), ("Organization",), SDO.OrganizationRole),
    "foundingDate": Property(SDO.foundingDate, "date", (), ("Organization",)),
    "dissolutionDate": Property(SDO.dissolutionDate, "date", (), ("Organization", "Country")),
    "containedInPlace": Property(SDO.containedInPlace, "entity", PLACES, PLACES),
    # events
    "location": Property(SDO.location, "entity", PLACES, EVENTS),
    "startDate": Property(SDO.startDate, "date", (), EVENTS),
    "endDate": Property(SDO.endDate, "date", (), EVENTS),
    "superEvent": Property(SDO.superEvent, "entity", EVENTS, EVENTS),
    "workFeatured": Property(SDO.workFeatured, "entity", ("Movie",), EVENTS),
    "organizer": Property(SDO.organizer, "entity", AGENTS, EVENTS),
    "sponsor": Property(SDO.sponsor, "entity", AGENTS, EVENTS),
    "attendee": Property(SDO.attendee, "entity", ("Audience",) + AGENTS, EVENTS),
    "screeningCount": Property(KGO.screeningCount, "quantity", (), EVENTS),
    "participatingCountryCount": Property(KGO.participatingCountryCount, "quantity", (), EVENTS),
    "audienceType": Property(SDO.audienceType, "text", (), ("Audience",)),
    # agreements between states or organisations
    "party": Property(KGO.party, "entity", ("Country", "Organization"), ("Agreement",)),
    "signatory": Property(KGO.signatory, "entity", AGENTS, ("Agreement",)),
    "dateSigned": Property(KGO.dateSigned, "date", (), ("Agreement",)),
    "locationCreated": Property(SDO.locationCreated, "entity", PLACES, ("Agreement", "Movie")),
    # quotations
    "creator": Property(SDO.creator, "entity", ("Person",), ("Quotation",)),
    "spokenByRole": Property(KGO.spokenByRole, "text", (), ("Quotation",)),
    # names and identity (any entity)
    "alternateName": Property(SDO.alternateName, "text"),
    "label": Property(RDFS.label, "langtext"),
    "sameAs": Property(SDO.sameAs, "iri"),
    "url": Property(SDO.url, "iri"),
}

#: Qualifier words allowed on a statement; each lands on the statement's role node.
QUALIFIERS: dict[str, tuple[object, str]] = {
    "roleName": (SDO.roleName, "text"),
    "characterName": (SDO.characterName, "text"),
    "side": (KGO.side, "entity"),
    "leadRole": (KGO.leadRole, "boolean"),
    "startDate": (SDO.startDate, "date"),
    "endDate": (SDO.endDate, "date"),
    "description": (SDO.description, "text"),
}

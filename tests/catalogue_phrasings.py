"""How tenants write: phrasings for the catalogue search, each with the right answer.

Written from the way tenants write to a landlord (typos, no accents, SMS style, slang, long
rambling messages), not from the catalogue's keywords. Each phrasing gives:
- the entries that are a right answer (several when the words do not say which room);
- who pays where no contract covers it (T tenant, L landlord, A to be assessed);
- the urgency (E emergency, U urgent, N normal, P planned);
- whether it is a danger (fire, gas, flood, someone trapped) that must never be answered wrong.

OFF_TOPIC holds what is no repair at all, or not in French: the search must answer nothing.
Used by tests/test_catalogue_phrasings.py and bench/tune_confidence.py.
"""

from __future__ import annotations

from dataclasses import dataclass

PAYERS = {"T": "tenant", "L": "landlord", "A": "assess"}
URGENCIES = {"E": "emergency", "U": "urgent", "N": "normal", "P": "planned"}


@dataclass(frozen=True)
class Phrasing:
    text: str
    entries: frozenset[str]
    payer: str
    urgency: str
    danger: bool = False


def P(text: str, entries: str | set[str], payer: str, urgency: str) -> Phrasing:
    codes = frozenset({entries} if isinstance(entries, str) else entries)
    return Phrasing(text, codes, PAYERS[payer], URGENCIES[urgency])


def D(text: str, entries: str | set[str], payer: str, urgency: str = "E") -> Phrasing:
    """A danger: fire, gas, flood or a person trapped."""
    codes = frozenset({entries} if isinstance(entries, str) else entries)
    return Phrasing(text, codes, PAYERS[payer], URGENCIES[urgency], danger=True)


def rooms(name: str, *prefixes: str) -> set[str]:
    return {f"{prefix}-{name}" for prefix in prefixes}


GAS = {"DWL-GAS-SMELL", "KIT-HOB-GAS_SMELL", "DWL-BOILER-GAS_SMELL", "STAIR-GAS-SMELL"}
FIRE_HOME = {"DWL-SMOKE-FIRE", "KIT-HOB-FIRE"}
FIRE_ANY = FIRE_HOME | {"STAIR-WALLS-FIRE", "BIN-BINS-FIRE", "PARK-FLOOR-FIRE"}
FLOOD = {"DWL-WATER-FLOODING"}
LIFT_TRAPPED = {"LIFT-CAR-PERSON_TRAPPED"}
LOCKED_IN = {"BED-DOOR-PERSON_TRAPPED", "BATH-DOOR-PERSON_TRAPPED", "WC-DOOR-PERSON_TRAPPED"}
SEWAGE = {"KIT-DRAIN-FLOODING", "BATH-DRAIN-FLOODING", "WC-BOWL-FLOODING"}
WINDOW_BROKEN = rooms("WINDOW-BROKEN", "KIT", "LIV", "BED")
WINDOW_STUCK = rooms("WINDOW-STUCK", "KIT", "LIV", "BED")
WINDOW_MISTED = rooms("WINDOW-DAMP_MOULD", "KIT", "LIV", "BED")
WINDOW_RAIN = rooms("WINDOW-LEAK", "LIV", "BED")
WINDOW_WORN = rooms("WINDOW-WORN", "LIV", "BED")
SHUTTER_STUCK = rooms("SHUTTER-STUCK", "KIT", "LIV", "BED")
SHUTTER_BROKEN = rooms("SHUTTER-BROKEN", "KIT", "LIV", "BED")
SHUTTER_MOTOR = rooms("SHUTTER-NOT_WORKING", "LIV", "BED")
SOCKET_BROKEN = rooms("SOCKET-BROKEN", "KIT", "LIV", "BED")
LIGHT = rooms("LIGHT-NOT_WORKING", "KIT", "LIV", "BED", "BATH")
DOOR_BROKEN = rooms("DOOR-BROKEN", "LIV", "BED")
DOOR_STUCK = rooms("DOOR-STUCK", "LIV", "BED")
WALL_HOLES = rooms("WALLS-BROKEN", "KIT", "LIV", "BED")
CUPBOARD = rooms("CUPBOARD-BROKEN", "KIT", "BED")
TAP_LEAK = {"KIT-TAP-LEAK", "BATH-TAP-LEAK"}
TAP_BROKEN = {"KIT-TAP-BROKEN", "BATH-TAP-BROKEN"}
NO_HEAT_BOILER = {"DWL-BOILER-NO_HEAT"}
NO_HOT_WATER = {"DWL-BOILER-NO_HOT_WATER", "DWL-WATER_HEATER-NO_HOT_WATER"}
PESTS_HOME = {"DWL-WALLS-PESTS"}
RATS_COMMON = {"CEL-WALLS-PESTS", "BIN-BINS-PESTS", "OUT-GREEN-PESTS"}
DRAIN_SMELL = {"KIT-DRAIN-SMELL", "BATH-DRAIN-SMELL", "WC-BOWL-SMELL"}
VENT = {"KIT-VENT-NOT_WORKING", "BATH-VENT-NOT_WORKING", "WC-VENT-NOT_WORKING"}

PHRASINGS: list[Phrasing] = [
    # --- gas: never wrong -----------------------------------------------------------------
    D("ca sent le gaz dans toute la cuisine", GAS, "A"),
    D("odeur de gaz tres forte dans lappart", GAS, "A"),
    D("jsens le gaz qd jrentre chez moi", GAS, "A"),
    D("il y a une odeur de gaz depuis ce matin j'ai peur", GAS, "A"),
    D("fuite de gaz gaziniere", GAS, "A"),
    D("ca pu le gaz", GAS, "A"),
    D("odeur gaz palier 3eme etage", GAS, "A"),
    D("ça sent le gaz dans la cage d'escalier", GAS, "A"),
    D("la chaudiere sent le gaz", GAS, "A"),
    D("I can smell gas in my kitchen", GAS, "A"),
    D("gaz", GAS, "A"),
    D("sa sent le gas", GAS, "A"),
    D("odeur bizarre comme du gaz près du compteur", GAS, "A"),
    # --- fire and smoke: never wrong ------------------------------------------------------
    D("il y a le feu dans la cuisine", FIRE_HOME, "A"),
    D("au secours le feu dans l'appartement", FIRE_HOME, "A"),
    D("incendie chez moi", FIRE_HOME, "A"),
    D("ma poele a pris feu et ya plein de fumee", FIRE_HOME, "A"),
    D("fumée qui sort de la chambre", FIRE_HOME, "A"),
    D("feu sur la plaque de cuisson", FIRE_HOME, "A"),
    D("il y a de la fumee partout dans l escalier", "STAIR-WALLS-FIRE", "A"),
    D("l'immeuble brule", {"STAIR-WALLS-FIRE", "DWL-SMOKE-FIRE"}, "A"),
    D("les poubelles sont en feu en bas", "BIN-BINS-FIRE", "A"),
    D("feu dans le local poubelle", "BIN-BINS-FIRE", "A"),
    D("une voiture brule au parking", "PARK-FLOOR-FIRE", "A"),
    D("there is a fire in the flat", FIRE_HOME, "A"),
    D("feu", FIRE_ANY, "A"),
    # --- floods: never wrong --------------------------------------------------------------
    D("inondation dans l'appartement l'eau coule partout", FLOOD, "A"),
    D("un tuyau a pété et ça inonde tout", FLOOD, "A"),
    D("grosse fuite d eau ca coule de partout", FLOOD, "A"),
    D("c'est inondé chez moi", FLOOD, "A"),
    D("appart inonder", FLOOD, "A"),
    D("degat des eaux enorme", FLOOD, "A"),
    D("y a de la flotte partout par terre", FLOOD, "A"),
    D("mon appartement est inondé et ça coule chez le voisin d'en dessous", FLOOD, "A"),
    D("the flat is flooded", FLOOD, "A"),
    D("eau usée qui remonte dans la douche", SEWAGE, "L"),
    D("les toilettes refoulent de l eau sale", SEWAGE, "L"),
    D("l'evier se remplit tout seul d'eau sale", SEWAGE, "L"),
    # --- someone trapped: never wrong -----------------------------------------------------
    D("ma mere est coincée dans l'ascenseur", LIFT_TRAPPED, "L"),
    D("quelquun bloqué dans lascenseur", LIFT_TRAPPED, "L"),
    D("je suis bloqué dans l'ascenseur entre 2 étages", LIFT_TRAPPED, "L"),
    D("enfant enfermé dans l ascenseur", LIFT_TRAPPED, "L"),
    D("ascenseur bloqué avec des gens dedans", LIFT_TRAPPED, "L"),
    D("someone is stuck in the lift", LIFT_TRAPPED, "L"),
    D("mon fils s'est enfermé dans sa chambre et n'arrive plus à ouvrir", LOCKED_IN, "T"),
    D("le petit est enfermé dans la salle de bain le verrou est bloqué", LOCKED_IN, "T"),
    D("ma fille est coincée dans les toilettes", LOCKED_IN, "T"),
    D("mamie enfermée dans les wc", LOCKED_IN, "T"),
    D("bébé enfermé dans la chambre", LOCKED_IN, "T"),
    # --- other emergencies ---------------------------------------------------------------
    P("alarme monoxyde qui sonne sans arret", "DWL-SMOKE-DANGEROUS", "A", "E"),
    P("le detecteur de co sonne et on a mal à la tête", "DWL-SMOKE-DANGEROUS", "A", "E"),
    P("la chaudiere fume noir", "DWL-BOILER-DANGEROUS", "A", "E"),
    P("plus d'electricite du tout dans lappart", "DWL-PANEL-NO_POWER", "A", "E"),
    P("plu de courant nul part", "DWL-PANEL-NO_POWER", "A", "E"),
    P("coupure de jus totale depuis 1h", "DWL-PANEL-NO_POWER", "A", "E"),
    P("odeur de cramé au tableau electrique", "DWL-PANEL-BURNING_SMELL", "A", "E"),
    P("le disjoncteur fume", "DWL-PANEL-BURNING_SMELL", "A", "E"),
    P("la prise fait des etincelles quand je branche", "DWL-SOCKET-BURNING_SMELL", "A", "E"),
    P("prise toute noire qui chauffe", "DWL-SOCKET-BURNING_SMELL", "A", "E"),
    P("on m'a cambriolé la porte est défoncée", "ENT-FRONT_DOOR-BROKEN", "A", "E"),
    P("porte forcée en rentrant du travail", "ENT-FRONT_DOOR-BROKEN", "A", "E"),
    P("tentative d effraction sur ma porte", "ENT-FRONT_DOOR-BROKEN", "A", "E"),
    P("la serrure est cassée je peux plus fermer a clé", "ENT-LOCK-BROKEN", "L", "E"),
    P("impossible de verrouiller ma porte d'entrée", "ENT-LOCK-BROKEN", "L", "E"),
    P("le plafond s'est effondré dans le salon", "DWL-WALLS-DANGEROUS", "L", "E"),
    P(
        "des bouts de platre tombent du plafond",
        {"DWL-WALLS-DANGEROUS", "STAIR-WALLS-DANGEROUS"},
        "L",
        "E",
    ),
    P("rambarde du balcon qui bouge dangereux", "BALC-RAILING-DANGEROUS", "L", "E"),
    P("le béton tombe du balcon on voit les fers", "BALC-WALLS-DANGEROUS", "L", "E"),
    P("des morceaux de facade tombent sur le trottoir", "OUT-WALLS-DANGEROUS", "L", "E"),
    P("des tuiles sont tombées du toit avec le vent", "OUT-ROOF-DANGEROUS", "L", "E"),
    P("ascenseur arreté a moitié on voit le vide", "LIFT-CAR-DANGEROUS", "L", "E"),
    P("fuite sur la colonne d'eau dans la cage d'escalier", "STAIR-WATER-LEAK", "L", "E"),
    P("de l eau coule de la gaine technique sur le palier", "STAIR-WATER-LEAK", "L", "E"),
    # --- kitchen sink, drains --------------------------------------------------------------
    P("fuite sous l'évier", "KIT-SINK-LEAK", "A", "U"),
    P("fuite ev", "KIT-SINK-LEAK", "A", "U"),
    P("ya de leau sous mon evier le meuble est trempé", "KIT-SINK-LEAK", "A", "U"),
    P("ca goute sous l evier", "KIT-SINK-LEAK", "A", "U"),
    P("le siphon de l'évier fuit au niveau du joint", "KIT-DRAIN-LEAK", "T", "N"),
    P("l'ecrou du siphon goutte", {"KIT-DRAIN-LEAK", "BATH-DRAIN-LEAK"}, "T", "N"),
    P("evier bouché", "KIT-SINK-BLOCKED", "T", "N"),
    P("mon evier se vide plus du tout", "KIT-SINK-BLOCKED", "T", "N"),
    P("l eau stagne dans l evier de la cuisine", "KIT-SINK-BLOCKED", "T", "N"),
    P("évier bouchée malgré le destop", "KIT-SINK-BLOCKED", "T", "N"),
    P("ca pu l'egout dans la cuisine", DRAIN_SMELL, "A", "N"),
    P("odeur d'egout qui remonte de l'evier", "KIT-DRAIN-SMELL", "A", "N"),
    # --- taps --------------------------------------------------------------------------------
    P("robinet qui goutte", TAP_LEAK, "T", "N"),
    P("le robinet de la cuisine goutte jour et nuit", "KIT-TAP-LEAK", "T", "N"),
    P("mitigeur qui fui", TAP_LEAK, "T", "N"),
    P("robinet qui coule en continu même fermé", TAP_LEAK, "T", "N"),
    P("le robinet du lavabo fuit", "BATH-TAP-LEAK", "T", "N"),
    P("robinet de la baignoire qui goutte", "BATH-TAP-LEAK", "T", "N"),
    P("la manette du robinet est cassée", TAP_BROKEN, "L", "N"),
    P("robinet cassé dans la cuisine", "KIT-TAP-BROKEN", "L", "N"),
    P("le mitigeur de douche est cassé l eau ne passe plus", "BATH-TAP-BROKEN", "L", "N"),
    P("plein de calcaire sur le pommeau de douche", "BATH-TAP-DIRTY", "T", "P"),
    # --- WC --------------------------------------------------------------------------------
    P("les wc sont bouchés", "WC-BOWL-BLOCKED", "T", "U"),
    P("toilette bouché", "WC-BOWL-BLOCKED", "T", "U"),
    P("les chiottes sont bouchées ça déborde presque", "WC-BOWL-BLOCKED", "T", "U"),
    P("cuvette bouchée l'eau monte quand on tire la chasse", "WC-BOWL-BLOCKED", "T", "U"),
    P("la chasse d eau coule sans arret", "WC-FLUSH-LEAK", "T", "N"),
    P("chasse deau qui fuit", "WC-FLUSH-LEAK", "T", "N"),
    P("le reservoir des toilettes se remplit pas", "WC-FLUSH-NOT_WORKING", "T", "N"),
    P("la chasse marche plus le bouton est cassé", "WC-FLUSH-NOT_WORKING", "T", "N"),
    P("impossible de tirer la chasse", "WC-FLUSH-NOT_WORKING", "T", "N"),
    P("fuite d'eau au pied des toilettes", "WC-BOWL-LEAK", "T", "U"),
    P("flaque d eau derriere les wc", "WC-BOWL-LEAK", "T", "U"),
    P("abattant des toilettes cassé", "WC-BOWL-BROKEN", "A", "N"),
    P("la cuvette des wc est fendue", "WC-BOWL-BROKEN", "A", "N"),
    P("les toilettes puent", "WC-BOWL-SMELL", "A", "N"),
    P("verrou des toilettes bloqué", "WC-DOOR-STUCK", "T", "U"),
    # --- bathroom ---------------------------------------------------------------------------
    P("lavabo bouché", {"BATH-DRAIN-BLOCKED", "BATH-WASHBASIN-BLOCKED"}, "T", "N"),
    P(
        "le lavabo se vide tres lentement plein de cheveux",
        {"BATH-DRAIN-BLOCKED", "BATH-WASHBASIN-BLOCKED"},
        "T",
        "N",
    ),
    P("douche bouchée l'eau reste au fond", "BATH-SHOWER-BLOCKED", "T", "N"),
    P("baignoire qui se vide pas", "BATH-SHOWER-BLOCKED", "T", "N"),
    P("fuite sous le lavabo", "BATH-WASHBASIN-LEAK", "A", "U"),
    P("ca coule sous la vasque de la salle de bain", "BATH-WASHBASIN-LEAK", "A", "U"),
    P("le flexible de la douche est percé", "BATH-SHOWER-LEAK", "T", "N"),
    P("la douchette fuit de partout", "BATH-SHOWER-LEAK", "T", "N"),
    P("les joints de la baignoire sont tout noirs", "BATH-SHOWER-DAMP_MOULD", "T", "P"),
    P("joint silicone douche decollé l'eau passe derriere", "BATH-SHOWER-DAMP_MOULD", "T", "P"),
    P("le bac a douche est fissuré", "BATH-SHOWER-BROKEN", "A", "N"),
    P("baignoire fendue", "BATH-SHOWER-BROKEN", "A", "N"),
    P("lavabo fendu", "BATH-WASHBASIN-BROKEN", "A", "N"),
    P("moisissure au plafond de la salle de bain", "BATH-WALLS-DAMP_MOULD", "A", "N"),
    P("carrelage de la salle de bain qui se décolle", "BATH-WALLS-BROKEN", "T", "N"),
    P("le miroir de la salle de bain est fendu", "BATH-CUPBOARD-BROKEN", "T", "P"),
    P("odeur d égout dans la salle de bain", "BATH-DRAIN-SMELL", "A", "N"),
    # --- heating, boiler, hot water ---------------------------------------------------------
    P("chaudiere en panne plus de chauffage", NO_HEAT_BOILER, "A", "U"),
    P("la chaudière s'allume plus", {"DWL-BOILER-NO_HEAT", "DWL-BOILER-NO_HOT_WATER"}, "A", "U"),
    P("chaudiere en securite code erreur F28", NO_HEAT_BOILER, "A", "U"),
    P("pression de la chaudiere toujours a 0", NO_HEAT_BOILER, "A", "U"),
    P("chaudière HS on se les gèle", NO_HEAT_BOILER, "A", "U"),
    P("plus d'eau chaude", NO_HOT_WATER | {"BOIL-HEATING-NO_HOT_WATER"}, "A", "U"),
    P("pas d eau chaude depuis hier", NO_HOT_WATER | {"BOIL-HEATING-NO_HOT_WATER"}, "A", "U"),
    P("le cumulus chauffe plus", "DWL-WATER_HEATER-NO_HOT_WATER", "L", "U"),
    P("ballon d'eau chaude HS douche glacée", "DWL-WATER_HEATER-NO_HOT_WATER", "L", "U"),
    P("le chauffe eau fuit par en dessous", "DWL-WATER_HEATER-LEAK", "L", "U"),
    P("la chaudière fuit il y a une flaque", "DWL-BOILER-LEAK", "A", "U"),
    P("chaudiere qui fait un bruit d'avion", "DWL-BOILER-NOISE", "A", "N"),
    P("radiateurs froids dans tout l appartement", "DWL-RADIATOR-NO_HEAT", "L", "U"),
    P("le radiateur de la chambre reste froid", "DWL-RADIATOR-NO_HEAT", "L", "U"),
    P("radiateur qui fuit au robinet", "DWL-RADIATOR-LEAK", "A", "U"),
    P("glouglou dans les radiateurs il faut purger", "DWL-RADIATOR-NOISE", "T", "N"),
    P("tout l immeuble a plus de chauffage", "BOIL-HEATING-NO_HEAT", "L", "U"),
    P("chauffage collectif coupé chez tout le monde", "BOIL-HEATING-NO_HEAT", "L", "U"),
    P(
        "plus d'eau chaude dans tout le batiment les voisins aussi",
        "BOIL-HEATING-NO_HOT_WATER",
        "L",
        "U",
    ),
    P(
        "les tuyaux de chauffage tapent la nuit",
        {"BOIL-HEATING-NOISE", "DWL-RADIATOR-NOISE"},
        "L",
        "N",
    ),
    P("ramonage de la cheminée à faire", "DWL-VENT-DIRTY", "T", "P"),
    # --- electricity ------------------------------------------------------------------------
    P("le disjoncteur saute tout le temps", "DWL-PANEL-NOT_WORKING", "A", "U"),
    P("ca disjoncte des que je lance la machine", "DWL-PANEL-NOT_WORKING", "A", "U"),
    P("les plombs sautent", "DWL-PANEL-NOT_WORKING", "A", "U"),
    P("plus de courant dans la chambre les prises marchent plus", "DWL-SOCKET-NO_POWER", "A", "U"),
    P("une partie de l'appart sans electricité", "DWL-SOCKET-NO_POWER", "A", "U"),
    P("prise arrachée du mur", SOCKET_BROKEN, "T", "U"),
    P("prise qui pend avec les fils qui sortent", SOCKET_BROKEN, "T", "U"),
    P("l'ampoule du plafonnier est grillée", LIGHT, "T", "N"),
    P("interrupteur du salon cassé", "LIV-LIGHT-NOT_WORKING", "T", "N"),
    P("la lumiere de la salle de bain marche plus", "BATH-LIGHT-NOT_WORKING", "T", "N"),
    P("detecteur de fumée qui bip toutes les 30 secondes", "DWL-SMOKE-NOISE", "T", "N"),
    P("detecteur de fumer hs", "DWL-SMOKE-NOT_WORKING", "T", "N"),
    P("la sonnette sonne plus", "ENT-DOORBELL-NOT_WORKING", "T", "P"),
    P("sonette de la porte en panne", "ENT-DOORBELL-NOT_WORKING", "T", "P"),
    # --- gas supply, water supply -----------------------------------------------------------
    P("plus de gaz pour faire a manger", "DWL-GAS-NOT_WORKING", "A", "U"),
    P("tuyau de la gaziniere perimé", "KIT-HOB-BROKEN", "T", "U"),
    P("les plaques chauffent plus", "KIT-HOB-NOT_WORKING", "A", "N"),
    P("plus d eau du tout au robinet", "DWL-WATER-NOT_WORKING", "A", "U"),
    P("coupure d'eau dans l'appartement", "DWL-WATER-NOT_WORKING", "A", "U"),
    P("l'eau du robinet est marron", "DWL-WATER-DIRTY", "A", "N"),
    P("tuyau percé dans le placard", "DWL-WATER-LEAK", "L", "U"),
    P("le compteur d'eau fuit", "DWL-WATER-BROKEN", "L", "U"),
    P("la machine à laver fuit", "KIT-APPLIANCE-LEAK", "T", "N"),
    P("mon frigo marche plus", "KIT-APPLIANCE-NOT_WORKING", "T", "N"),
    # --- ventilation ------------------------------------------------------------------------
    P("la vmc aspire plus rien", VENT, "L", "N"),
    P("vmc en panne dans la salle de bain", "BATH-VENT-NOT_WORKING", "L", "N"),
    P("l'aeration des toilettes marche pas", "WC-VENT-NOT_WORKING", "L", "N"),
    P("la vmc fait un boucan pas possible la nuit", "DWL-VENT-NOISE", "L", "N"),
    P("hotte pleine de graisse", "KIT-VENT-DIRTY", "T", "P"),
    # --- front door, locks, keys ------------------------------------------------------------
    P("j ai perdu mes cles", "ENT-LOCK-LOST_KEY", "T", "U"),
    P("porte claquée les clés sont restées dedans", "ENT-LOCK-LOST_KEY", "T", "U"),
    P("je suis enfermé dehors", "ENT-LOCK-LOST_KEY", "T", "U"),
    P("clé cassée dans la serrure", "ENT-LOCK-LOST_KEY", "T", "U"),
    P("la clé force dans la serrure", "ENT-LOCK-STUCK", "T", "N"),
    P("serrure dure il faut forcer pour tourner la clé", "ENT-LOCK-STUCK", "T", "N"),
    P("ma porte d'entree frotte et ferme mal", "ENT-FRONT_DOOR-STUCK", "L", "U"),
    P("la porte d'entrée force quand je la ferme", "ENT-FRONT_DOOR-STUCK", "L", "U"),
    P("l interphone sonne plus chez moi", "ENT-ENTRY_PHONE-NOT_WORKING", "L", "N"),
    P("j'entends pas quand on sonne en bas", "ENT-ENTRY_PHONE-NOT_WORKING", "L", "N"),
    # --- windows, shutters, glazing ---------------------------------------------------------
    P("vitre cassée", WINDOW_BROKEN, "T", "U"),
    P("le ballon des enfants a cassé la vitre du salon", "LIV-WINDOW-BROKEN", "T", "U"),
    P("carreau fendu dans la chambre", "BED-WINDOW-BROKEN", "T", "U"),
    P("buée entre les 2 vitres du double vitrage", WINDOW_MISTED, "L", "P"),
    P("double vitrage embué a l interieur", WINDOW_MISTED, "L", "P"),
    P("la fenetre ferme plus", WINDOW_STUCK, "A", "N"),
    P("poignée de fenêtre cassée", WINDOW_STUCK, "A", "N"),
    P("fenetre bloquée impossible d'ouvrir", WINDOW_STUCK, "A", "N"),
    P("quand il pleut l'eau rentre par la fenetre", WINDOW_RAIN, "L", "U"),
    P("courant d'air par la fenêtre de la chambre", "BED-WINDOW-WORN", "L", "P"),
    P("vieille fenetre pourrie on a froid", WINDOW_WORN, "L", "P"),
    P("volet roulant coincé", SHUTTER_STUCK, "L", "N"),
    P("le volet descend plus il est bloqué en haut", SHUTTER_STUCK, "L", "N"),
    P("sangle du volet cassée", SHUTTER_BROKEN, "T", "N"),
    P("la sangle du volet a lâché", SHUTTER_BROKEN, "T", "N"),
    P("quelques lames du volet sont cassées", SHUTTER_BROKEN, "T", "N"),
    P("volet electrique ne repond plus", SHUTTER_MOTOR, "L", "N"),
    P("le store de la cuisine est coincé", "KIT-SHUTTER-STUCK", "L", "N"),
    # --- interior: doors, walls, floors, cupboards ------------------------------------------
    P("poignée de porte cassée", DOOR_BROKEN, "T", "N"),
    P("la porte de la chambre est enfoncée", "BED-DOOR-BROKEN", "T", "N"),
    P("porte du salon qui frotte par terre", "LIV-DOOR-STUCK", "A", "N"),
    P("porte de la chambre qui ferme plus", "BED-DOOR-STUCK", "A", "N"),
    P("trous dans le mur du salon", "LIV-WALLS-BROKEN", "T", "P"),
    P("papier peint déchiré dans la chambre", "BED-WALLS-BROKEN", "T", "P"),
    P("le papier peint part en lambeaux de partout il a 20 ans", "DWL-WALLS-WORN", "L", "P"),
    P("peinture qui s'écaille partout vieille", "DWL-WALLS-WORN", "L", "P"),
    P("grosse fissure dans le mur qui s'agrandit", "DWL-WALLS-BROKEN", "L", "U"),
    P("lino déchiré dans la cuisine", "DWL-FLOOR-BROKEN", "T", "N"),
    P("brulure de cigarette sur la moquette", "DWL-FLOOR-BROKEN", "T", "N"),
    P(
        "le lino est usé jusqu'à la corde il date de l'entrée dans les lieux",
        "DWL-FLOOR-WORN",
        "L",
        "P",
    ),
    P("moquette toute vieille et usée", "DWL-FLOOR-WORN", "L", "P"),
    P("parquet gonflé après la fuite", "DWL-FLOOR-FLOODING", "A", "N"),
    P("porte de placard sortie du rail", CUPBOARD, "T", "P"),
    P("porte du meuble de cuisine qui tombe", "KIT-CUPBOARD-BROKEN", "T", "P"),
    P("étagère du placard cassée", CUPBOARD, "T", "P"),
    # --- damp, leaks from above, roof -------------------------------------------------------
    P("humidité et moisissures sur les murs de la chambre", "DWL-WALLS-DAMP_MOULD", "A", "N"),
    P("champignons noirs au mur", "DWL-WALLS-DAMP_MOULD", "A", "N"),
    P("le plafond coule", "DWL-WALLS-LEAK", "A", "U"),
    P("le voisin du dessus m'inonde le plafond goutte", "DWL-WALLS-LEAK", "A", "U"),
    P("tache d eau au plafond qui grandit", "DWL-WALLS-LEAK", "A", "U"),
    P("je suis au dernier etage et le toit fuit quand il pleut", "DWL-ROOF-LEAK", "L", "U"),
    P("infiltration par la toiture", "DWL-ROOF-LEAK", "L", "U"),
    # --- pests ------------------------------------------------------------------------------
    P("ya des cafards dans la cuisine", PESTS_HOME, "A", "U"),
    P("punaise de lit", PESTS_HOME, "A", "U"),
    P("des souris dans l'appart", PESTS_HOME, "A", "U"),
    P("on se fait piquer la nuit par des bestioles", PESTS_HOME, "A", "U"),
    P("rats dans les caves", "CEL-WALLS-PESTS", "L", "U"),
    P("un rat au local poubelle", "BIN-BINS-PESTS", "L", "U"),
    P("des rats partout dans la résidence", RATS_COMMON, "L", "U"),
    P("nid de guêpes dans l'arbre devant", "OUT-GREEN-PESTS", "L", "U"),
    # --- lift -------------------------------------------------------------------------------
    P("ascenseur en panne", "LIFT-CAR-NOT_WORKING", "L", "U"),
    P("l'asc est encore en panne depuis 3 jours", "LIFT-CAR-NOT_WORKING", "L", "U"),
    P("ascenceur hs", "LIFT-CAR-NOT_WORKING", "L", "U"),
    P("l'ascenseur vient plus quand on appelle", "LIFT-CAR-NOT_WORKING", "L", "U"),
    P("ascenseur qui fait des secousses", "LIFT-CAR-NOISE", "L", "N"),
    P("bouton de l'ascenseur arraché", "LIFT-CAR-BROKEN", "L", "N"),
    P("ascenseur vandalisé encore", "LIFT-CAR-BROKEN", "L", "N"),
    P("pipi dans l ascenseur ca pue", "LIFT-CAR-DIRTY", "L", "N"),
    # --- hall, intercom, mailboxes, badges --------------------------------------------------
    P("porte du hall cassée elle ferme plus", "HALL-MAIN_DOOR-BROKEN", "L", "U"),
    P(
        "porte de l'immeuble toujours ouverte n'importe qui rentre",
        "HALL-MAIN_DOOR-BROKEN",
        "L",
        "U",
    ),
    P("la porte de l immeuble est bloquée on peut pas entrer", "HALL-MAIN_DOOR-STUCK", "L", "U"),
    P("la porte du hall claque super fort", "HALL-MAIN_DOOR-NOISE", "L", "N"),
    P(
        "interphone en panne",
        {"HALL-ENTRY_PHONE-NOT_WORKING", "ENT-ENTRY_PHONE-NOT_WORKING"},
        "L",
        "N",
    ),
    P("le digicode marche plus", "HALL-ENTRY_PHONE-NOT_WORKING", "L", "N"),
    P("mon badge ouvre plus la porte du hall", "HALL-LOCK-NOT_WORKING", "L", "N"),
    P("badge vigik refusé", "HALL-LOCK-NOT_WORKING", "L", "N"),
    P("j'ai perdu mon badge de l'immeuble", "HALL-LOCK-LOST_KEY", "T", "N"),
    P("boite aux lettres forcée", "HALL-MAILBOX-BROKEN", "L", "N"),
    P("ma boite a lettre est cassée", "HALL-MAILBOX-BROKEN", "L", "N"),
    P("perdu la clé de la boîte aux lettres", "HALL-MAILBOX-LOST_KEY", "T", "N"),
    P("le hall est dans le noir", "HALL-LIGHTING-NOT_WORKING", "L", "U"),
    P("hall degueulasse personne fait le menage", "HALL-FLOOR-DIRTY", "L", "N"),
    P("tags sur les murs du hall", "HALL-WALLS-DIRTY", "L", "N"),
    # --- stairs, landings -------------------------------------------------------------------
    P("plus de lumiere dans l escalier", "STAIR-LIGHTING-NOT_WORKING", "L", "U"),
    P("la minuterie du palier marche plus", "STAIR-LIGHTING-NOT_WORKING", "L", "U"),
    P("une marche de l'escalier est cassée", "STAIR-STAIRS-BROKEN", "L", "U"),
    P("la rampe de l'escalier bouge", "STAIR-STAIRS-BROKEN", "L", "U"),
    P("escalier sale ménage pas fait depuis 2 semaines", "STAIR-FLOOR-DIRTY", "L", "N"),
    P("vide ordure bouché", "STAIR-BINS-BLOCKED", "L", "U"),
    P("carreau cassé dans la cage d'escalier", "STAIR-WINDOW-BROKEN", "L", "N"),
    P("porte coupe feu du palier cassée", "STAIR-MAIN_DOOR-BROKEN", "L", "N"),
    P("il pleut dans l escalier au dernier etage", "STAIR-ROOF-LEAK", "L", "U"),
    P("le plafond du palier tombe en morceaux", "STAIR-WALLS-DANGEROUS", "L", "E"),
    # --- cellars, car park, bins, outdoors --------------------------------------------------
    P("caves dans le noir", "CEL-LIGHTING-NOT_WORKING", "L", "N"),
    P("de l'eau dans le couloir des caves", "CEL-FLOOR-FLOODING", "L", "U"),
    P("porte des caves fracturée", "CEL-MAIN_DOOR-BROKEN", "L", "U"),
    P("ma cave a été forcée on m'a volé mon vélo", "PCEL-LOCK-BROKEN", "A", "N"),
    P("ma cave est inondée", "PCEL-FLOOR-FLOODING", "L", "U"),
    P("cave humide tout moisit", "PCEL-WALLS-DAMP_MOULD", "L", "P"),
    P("perdu la clé de ma cave", "PCEL-LOCK-LOST_KEY", "T", "N"),
    P(
        "porte du parking en panne impossible de sortir la voiture",
        "PARK-GARAGE_DOOR-NOT_WORKING",
        "L",
        "U",
    ),
    P("la barriere du parking s'ouvre plus", "PARK-GARAGE_DOOR-NOT_WORKING", "L", "U"),
    P("jai perdu le bip du parking", "PARK-LOCK-LOST_KEY", "T", "N"),
    P("parking dans le noir complet", "PARK-LIGHTING-NOT_WORKING", "L", "N"),
    P("voiture épave au parking depuis des mois", "PARK-FLOOR-DIRTY", "L", "N"),
    P("le parking est inondé", "PARK-FLOOR-FLOODING", "L", "U"),
    P("porte de mon box cassée", "PARK-GARAGE_DOOR-BROKEN", "L", "N"),
    P("local poubelle qui deborde", "BIN-BINS-DIRTY", "L", "N"),
    P("les poubelles sont pas sorties ça déborde", "BIN-BINS-DIRTY", "L", "N"),
    P("ca schlingue au local poubelles", "BIN-BINS-SMELL", "L", "N"),
    P("le container poubelle a une roue cassée", "BIN-BINS-BROKEN", "L", "N"),
    P("porte du local poubelle bloquée ouverte", "BIN-MAIN_DOOR-BROKEN", "L", "N"),
    P("toboggan cassé dans l'aire de jeux", "OUT-GREEN-BROKEN", "L", "U"),
    P("grosse branche qui menace de tomber sur les voitures", "OUT-GREEN-DANGEROUS", "L", "U"),
    P("pelouse jamais tondue dans la résidence", "OUT-GREEN-DIRTY", "L", "P"),
    P("lampadaire éteint devant le bâtiment", "OUT-LIGHTING-NOT_WORKING", "L", "N"),
    P("trou dans l'allée quelqu'un va tomber", "OUT-FLOOR-DANGEROUS", "L", "U"),
    P("le portail de la résidence s'ouvre plus", "OUT-GARAGE_DOOR-NOT_WORKING", "L", "U"),
    P("gouttière cassée l'eau coule sur la façade", "OUT-GUTTER-BROKEN", "L", "N"),
    P("fosse septique qui déborde dans la cour", "OUT-SEPTIC_TANK-FLOODING", "L", "U"),
    # --- balcony, private garden ------------------------------------------------------------
    P("évacuation du balcon bouchée l'eau stagne", "BALC-DRAIN-BLOCKED", "T", "N"),
    P("mousse sur la terrasse ça glisse", "BALC-FLOOR-DIRTY", "T", "P"),
    P("la haie de mon jardin est à tailler", "BALC-GARDEN-DIRTY", "T", "P"),
    P("arbre mort dans mon jardin il penche", "BALC-GARDEN-DANGEROUS", "A", "U"),
    P("le grillage de mon jardin est tombé", "BALC-GARDEN-BROKEN", "A", "N"),
    P("gouttière de la terrasse bouchée par les feuilles", "BALC-GUTTER-BLOCKED", "T", "N"),
    P("vidange de la fosse septique", "BALC-SEPTIC_TANK-BLOCKED", "T", "P"),
    # --- TV ---------------------------------------------------------------------------------
    P("plus de chaines sur la tele", "LIV-TV-NOT_WORKING", "L", "N"),
    P("la tnt capte plus rien", "LIV-TV-NOT_WORKING", "L", "N"),
    # --- long, rambling messages ------------------------------------------------------------
    P(
        "Bonjour madame monsieur, je vous écris car ça fait maintenant trois semaines que "
        "j'attends qu'on vienne et personne n'est venu. J'ai appelé deux fois, on m'a dit que "
        "c'était noté. Mes enfants sont petits, j'ai un bébé de 6 mois et ma mère qui vit avec "
        "nous. Le problème c'est que le robinet de la cuisine goutte sans arrêt, même fermé à "
        "fond, et ça fait un bruit toute la nuit, en plus ça va me coûter cher en eau. Merci "
        "de faire le nécessaire rapidement. Cordialement.",
        "KIT-TAP-LEAK",
        "T",
        "N",
    ),
    P(
        "bonsoir desolé de vous deranger si tard mais la je sais plus quoi faire. ce soir en "
        "rentrant des courses avec mes 3 enfants on a trouvé la porte d'entrée ouverte, la "
        "serrure est arrachée, ils ont tout retourné dans la chambre et pris la télé et les "
        "bijoux de ma mère. J'ai appelé la police ils doivent passer. Je peux pas fermer la "
        "porte pour la nuit. quelqu'un peut venir ?? on m'a cambriolé",
        "ENT-FRONT_DOOR-BROKEN",
        "A",
        "E",
    ),
    P(
        "Madame, Monsieur, Je me permets de vous contacter au sujet de mon logement situé au "
        "4ème étage. Depuis le début de l'hiver, nous avons constaté l'apparition de taches "
        "noires dans les angles des murs de la chambre des enfants, et cela s'étend de semaine "
        "en semaine malgré l'aération quotidienne. Mon fils est asthmatique et le médecin "
        "nous a dit que ce n'était pas bon pour lui. Les meubles et les vêtements dans "
        "l'armoire sentent le moisi. Je vous remercie de bien vouloir envoyer quelqu'un pour "
        "constater l'humidité et les moisissures. Veuillez agréer mes salutations distinguées.",
        "DWL-WALLS-DAMP_MOULD",
        "A",
        "N",
    ),
    P(
        "salut c encore moi du bat B, l'ascenseur est encore en panne et j'habite au 7ème avec "
        "une poussette et mes courses, ça fait la 3eme fois ce mois ci, c'est pas normal on "
        "paye des charges pour ça. Les voisins du 9ème sont âgés ils peuvent plus sortir. "
        "Quand est-ce que vous le réparez ???",
        "LIFT-CAR-NOT_WORKING",
        "L",
        "U",
    ),
    P(
        "Bonjour, je vous signale que dans notre immeuble, au 12 rue des Tilleuls, il y a "
        "une odeur très forte depuis ce matin dans la cage d'escalier. Au début j'ai cru que "
        "c'était les poubelles mais en fait ça sent le gaz, surtout au 2ème étage. J'ai "
        "prévenu ma voisine. Qu'est-ce qu'on doit faire ?",
        GAS,
        "A",
        "E",
    ),
    P(
        "Bonjour. Depuis dimanche nous n'avons plus de chauffage. La chaudière affiche un "
        "code d'erreur et se met en sécurité au bout de quelques minutes, j'ai essayé de la "
        "relancer plusieurs fois comme indiqué sur la notice mais rien à faire. Il fait 15 "
        "degrés dans l'appartement et j'ai deux jeunes enfants. Merci d'intervenir vite.",
        NO_HEAT_BOILER,
        "A",
        "U",
    ),
    P(
        "Je vous écris pour la deuxième fois. Chaque fois qu'il pleut, de l'eau s'infiltre "
        "par le haut de la fenêtre du salon et coule le long du mur jusqu'au parquet, qui "
        "commence à noircir. J'ai mis des serpillières mais ça ne suffit pas. Le joint "
        "extérieur a l'air complètement fendu.",
        WINDOW_RAIN,
        "L",
        "U",
    ),
    P(
        "bjr mon fils de 4 ans a fermé la porte de la salle de bain à clé et n'arrive plus à "
        "ouvrir il pleure je sais pas comment faire la clé est de son côté aidez moi vite",
        LOCKED_IN,
        "T",
        "E",
    ),
    P(
        "Monsieur le gardien m'a dit de faire une demande sur internet alors voilà. Mon "
        "problème : les toilettes sont bouchées depuis hier soir, j'ai essayé la ventouse et "
        "un produit mais l'eau ne descend pas, elle monte presque jusqu'au bord quand on tire "
        "la chasse. On est cinq dans l'appartement et on n'a qu'un WC.",
        "WC-BOWL-BLOCKED",
        "T",
        "U",
    ),
    P(
        "Bonjour, c'est pour signaler que depuis le week-end dernier il y a des rats dans le "
        "local à poubelles de notre bâtiment, on les voit le soir quand on descend les "
        "sacs. Ma fille a eu très peur. Il y a aussi des sacs déchirés partout. Il faudrait "
        "faire une dératisation.",
        "BIN-BINS-PESTS",
        "L",
        "U",
    ),
    P(
        "bonjour je voulais savoir si c'est normal que j'ai de la buée entre les deux vitres "
        "de la fenêtre de la chambre, à l'intérieur du double vitrage, on peut pas l'essuyer "
        "et on voit plus dehors. Ça fait comme ça depuis l'été.",
        WINDOW_MISTED,
        "L",
        "P",
    ),
    P(
        "URGENT !!! ya de leau qui sort de partout sous l evier et par terre dans toute la "
        "cuisine ca va couler chez le voisin du dessous je sais pas ou couper l eau",
        FLOOD | {"KIT-SINK-LEAK"},
        "A",
        "E",
    ),
    P(
        "Bonjour, je souhaite vous informer que le volet roulant de la chambre ne fonctionne "
        "plus. La sangle s'est cassée net ce matin quand j'ai voulu le remonter et le volet "
        "est resté en bas, la chambre est dans le noir. Pouvez-vous m'indiquer la marche à "
        "suivre ? Merci.",
        SHUTTER_BROKEN,
        "T",
        "N",
    ),
    P(
        "hello, the heating doesn't work, the radiators stay cold in all the rooms. "
        "les radiateurs sont froids partout dans l'appartement depuis lundi.",
        "DWL-RADIATOR-NO_HEAT",
        "L",
        "U",
    ),
    P(
        "Je tiens à signaler que la porte d'entrée de l'immeuble reste ouverte en permanence, "
        "la ventouse ne tient plus, et des personnes étrangères à la résidence entrent la nuit "
        "dans le hall. Nous ne nous sentons plus en sécurité, surtout les personnes âgées. "
        "C'est la porte du hall du bâtiment C.",
        "HALL-MAIN_DOOR-BROKEN",
        "L",
        "U",
    ),
    P(
        "Bonjour, en rentrant ce soir mon détecteur de monoxyde de carbone s'est mis à sonner "
        "dans le couloir, la chaudière est dans la cuisine juste à côté, mon mari a mal à la "
        "tête depuis tout à l'heure, on a ouvert les fenêtres. Que faut-il faire ?",
        "DWL-SMOKE-DANGEROUS",
        "A",
        "E",
    ),
]

# Not a repair the catalogue knows, or not a request at all: the search must answer nothing.
OFF_TOPIC: list[str] = [
    "bruit des voisins",
    "mes voisins font la fête tous les soirs",
    "le voisin du dessus crie toute la nuit",
    "bonjour",
    "merci beaucoup",
    "je voudrais un rendez-vous avec mon conseiller",
    "quand est-ce que je reçois ma quittance de loyer",
    "je veux changer de logement plus grand",
    "augmentation de loyer pas normale",
    "how do I pay my rent online",
    "what time is it",
    "zzzz qqqq",
    "azerty",
    "lol",
    "je n'ai pas reçu l'attestation d'assurance",
    "demande de mutation",
    "qui est mon gardien",
    "le facteur ne passe pas",
    "je pars en vacances",
    "mon chien aboie",
    "la box internet ne marche pas orange",
    "mon téléphone portable est cassé",
    "I would like to speak to someone",
    "123456",
    "aide au logement caf",
]

"""Schematic floor plans of the dwellings and simple scenes of their rooms.

Pure data: the tenant's «Où ?» step draws a plan as labelled rectangles, and the «Quoi ?» step
draws a room as a decorative backdrop with its equipment icons placed on it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Room:
    place: str  # dwelling place code
    label: str  # French label written on the plan
    x: int  # rectangle in the plan's viewBox units
    y: int
    width: int
    height: int
    slug: str  # unique within the plan: "kitchen", "bedroom-1"…


@dataclass(frozen=True)
class FloorPlan:
    dwelling_type: str
    viewbox: tuple[int, int, int, int]
    rooms: tuple[Room, ...]


@dataclass(frozen=True)
class SceneItem:
    equipment: str  # equipment code, also the name of its 64x64 icon
    label: str  # short French label written under the icon
    x: int  # top left corner of the icon, scaled to size by size, in the scene's viewBox
    y: int
    size: int


@dataclass(frozen=True)
class RoomScene:
    place: str
    viewbox: tuple[int, int, int, int]
    backdrop: str  # path data of the decorative drawing, stroked, never a target
    items: tuple[SceneItem, ...]


PLAN_VIEWBOX = (0, 0, 600, 400)

# Every plan reads the same way, so that a caretaker who looks at many of them finds a room at
# once: the kitchen, entrance, WC and bathroom along the top, the living room bottom left with
# the balcony under it, the bedrooms on the right. Rooms are at least 90 by 60 so that their
# label fits.


def _kitchen(x: int, width: int) -> Room:
    return Room("kitchen", "Cuisine", x, 0, width, 130, "kitchen")


def _hallway(x: int, width: int) -> Room:
    return Room("hallway", "Entrée", x, 0, width, 130, "hallway")


def _wc(x: int, width: int) -> Room:
    return Room("wc", "WC", x, 0, width, 130, "wc")


def _bathroom(x: int, width: int) -> Room:
    return Room("bathroom", "Salle de bain", x, 0, width, 130, "bathroom")


def _living_room(width: int) -> Room:
    return Room("living_room", "Séjour", 0, 130, width, 200, "living-room")


def _balcony(width: int) -> Room:
    return Room("balcony", "Balcon", 0, 330, width, 70, "balcony")


def _bedroom(number: int, x: int, y: int, width: int, height: int) -> Room:
    return Room("bedroom", f"Chambre {number}", x, y, width, height, f"bedroom-{number}")


# The top row of T2 to T5; T1 has no bedroom to make room for, T6 narrows it for a fifth one.
_TOP_ROW = (_kitchen(0, 170), _hallway(170, 130), _wc(300, 120), _bathroom(420, 180))

FLOOR_PLANS: dict[str, FloorPlan] = {
    "T1": FloorPlan(
        "T1",
        PLAN_VIEWBOX,
        (
            _kitchen(0, 180),
            _hallway(180, 140),
            _wc(320, 110),
            _bathroom(430, 170),
            Room("living_room", "Séjour", 0, 130, 600, 200, "living-room"),
            Room("balcony", "Balcon", 0, 330, 360, 70, "balcony"),
        ),
    ),
    "T2": FloorPlan(
        "T2",
        PLAN_VIEWBOX,
        (
            *_TOP_ROW,
            _living_room(330),
            _balcony(330),
            _bedroom(1, 330, 130, 270, 270),
        ),
    ),
    "T3": FloorPlan(
        "T3",
        PLAN_VIEWBOX,
        (
            *_TOP_ROW,
            _living_room(280),
            _balcony(280),
            _bedroom(1, 280, 130, 160, 270),
            _bedroom(2, 440, 130, 160, 270),
        ),
    ),
    "T4": FloorPlan(
        "T4",
        PLAN_VIEWBOX,
        (
            *_TOP_ROW,
            _living_room(260),
            _balcony(260),
            _bedroom(1, 260, 130, 170, 270),
            _bedroom(2, 430, 130, 170, 135),
            _bedroom(3, 430, 265, 170, 135),
        ),
    ),
    "T5": FloorPlan(
        "T5",
        PLAN_VIEWBOX,
        (
            *_TOP_ROW,
            _living_room(240),
            _balcony(240),
            _bedroom(1, 240, 130, 180, 135),
            _bedroom(2, 420, 130, 180, 135),
            _bedroom(3, 240, 265, 180, 135),
            _bedroom(4, 420, 265, 180, 135),
        ),
    ),
    "T6": FloorPlan(
        "T6",
        PLAN_VIEWBOX,
        (
            _kitchen(0, 140),
            _hallway(140, 90),
            _wc(230, 100),
            _bathroom(330, 150),
            _bedroom(5, 480, 0, 120, 130),
            _living_room(240),
            _balcony(240),
            _bedroom(1, 240, 130, 180, 135),
            _bedroom(2, 420, 130, 180, 135),
            _bedroom(3, 240, 265, 180, 135),
            _bedroom(4, 420, 265, 180, 135),
        ),
    ),
}


def plan_for(dwelling_type: str) -> FloorPlan:
    return FLOOR_PLANS.get(dwelling_type.strip().upper(), FLOOR_PLANS["T3"])


SCENE_VIEWBOX = (0, 0, 600, 360)

# Scenes are laid out on three bands, high on the wall or ceiling (y 8), eye level (y 122) and
# low or on the floor (y 236), with columns about 140 apart, so that an 80 unit icon plus
# one line of label under it (26 units) never touches its neighbour's.
_SIZE = 80

# The room seen from inside: the back wall, with the floor's edges running to the viewer.
_SHELL = "M24 0V348H576V0M24 348L12 360M576 348L588 360"
# Tiles up to shoulder height, between the high band's labels and the eye-level icons.
_TILES = "M24 118H576"


def _item(equipment: str, label: str, centre_x: int, top: int, size: int = _SIZE) -> SceneItem:
    return SceneItem(equipment, label, centre_x - size // 2, top, size)


# Bedrooms and the living room hold the same equipment.
_LIVING_ITEMS = (
    _item("walls_ceiling", "Murs et plafond", 100, 8),
    _item("light", "Lumière", 300, 8),
    _item("shutter", "Volet", 480, 8),
    _item("door", "Porte", 100, 118, 96),
    _item("window", "Fenêtre", 480, 122),
    _item("socket", "Prise", 200, 236),
    _item("floor", "Sol", 340, 236),
    _item("radiator", "Radiateur", 480, 236),
)

ROOM_SCENES: dict[str, RoomScene] = {
    "living_room": RoomScene("living_room", SCENE_VIEWBOX, _SHELL, _LIVING_ITEMS),
    "bedroom": RoomScene("bedroom", SCENE_VIEWBOX, _SHELL, _LIVING_ITEMS),
    "kitchen": RoomScene(
        "kitchen",
        SCENE_VIEWBOX,
        _SHELL,
        (
            _item("boiler", "Chaudière", 90, 8),
            _item("ventilation", "Hotte / VMC", 230, 8),
            _item("light", "Lumière", 370, 8),
            _item("shutter", "Volet", 510, 8),
            _item("tap", "Robinet", 90, 122),
            _item("socket", "Prise", 370, 122),
            _item("window", "Fenêtre", 510, 122),
            _item("sink", "Évier", 90, 236),
            _item("hob", "Plaque", 230, 236),
            _item("radiator", "Radiateur", 510, 236),
        ),
    ),
    "bathroom": RoomScene(
        "bathroom",
        SCENE_VIEWBOX,
        _SHELL + _TILES,
        (
            _item("ventilation", "VMC", 90, 8),
            _item("light", "Lumière", 300, 8),
            _item("water_heater", "Chauffe-eau", 510, 8),
            _item("tap", "Robinet", 160, 122),
            _item("bath_shower", "Baignoire / douche", 390, 122, 104),
            _item("washbasin", "Lavabo", 160, 236),
            _item("radiator", "Radiateur", 510, 236),
            _item("drain", "Évacuation", 390, 254),
        ),
    ),
    "wc": RoomScene(
        "wc",
        SCENE_VIEWBOX,
        _SHELL + _TILES,
        (
            _item("light", "Lumière", 150, 8),
            _item("ventilation", "VMC", 450, 8),
            _item("flush", "Chasse d'eau", 300, 122, 88),
            _item("wc_bowl", "Cuvette", 300, 240, 88),
        ),
    ),
    "hallway": RoomScene(
        "hallway",
        SCENE_VIEWBOX,
        _SHELL,
        (
            _item("light", "Lumière", 120, 8),
            _item("smoke_detector", "Détecteur de fumée", 300, 8),
            _item("electrical_panel", "Tableau électrique", 480, 8),
            _item("entry_phone", "Interphone", 150, 170),
            _item("front_door", "Porte d'entrée", 300, 140, 120),
            _item("lock", "Serrure", 450, 170),
        ),
    ),
    "balcony": RoomScene(
        "balcony",
        SCENE_VIEWBOX,
        # The facade with the window on the left, the railing on the right: posts fall between
        # the icons so that the drawing never runs through a target.
        "M24 0V348M10 348H590M300 150H580M300 150V348M320 150V348M340 150V348M450 150V348"
        "M470 150V348M580 150V348",
        (
            _item("shutter", "Volet", 170, 8),
            _item("window", "Fenêtre", 170, 122, 112),
            _item("floor", "Sol", 390, 236),
            _item("drain", "Évacuation", 530, 236),
        ),
    ),
    "private_cellar": RoomScene(
        "private_cellar",
        SCENE_VIEWBOX,
        _SHELL,
        (
            _item("light", "Lumière", 300, 8),
            _item("door", "Porte", 220, 130, 112),
            _item("lock", "Serrure", 390, 160),
        ),
    ),
    "whole_dwelling": RoomScene(
        "whole_dwelling",
        SCENE_VIEWBOX,
        # A house, roof then walls: the whole dwelling rather than one room.
        "M40 120L300 6L560 120M70 107V356H530V107M10 356H590",
        (
            _item("smoke_detector", "Détecteur de fumée", 300, 28),
            _item("electrical_panel", "Tableau électrique", 160, 136),
            _item("boiler", "Chaudière", 300, 136),
            _item("water_heater", "Chauffe-eau", 440, 136),
            _item("water_supply", "Arrivée d'eau", 160, 244),
            _item("gas_supply", "Arrivée de gaz", 300, 244),
            _item("walls_ceiling", "Murs et plafond", 440, 244),
        ),
    ),
}

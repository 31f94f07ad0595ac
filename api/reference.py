"""Reference data: administrative units (the 34 since 1 July 2025, the 63 before, the
central level) with their NSO codes and the merger map, the boards, the sections.
Small tables, answered whole."""

from ninja import Query
from ninja import Schema as _Schema
from pydantic import Field

from articles.models import Section
from provinces.models import Board, Unit

from . import schemas
from .api import api
from .serializers import board_data, section_data, unit_data

ERRORS = {400: schemas.Problem, 429: schemas.Problem}


class UnitParams(_Schema):
    current: bool | None = Field(
        None,
        description="true: the 34 units in force (and the central level); false: the "
        "units merged away in 2025.",
    )


@api.get(
    "/units",
    response={200: schemas.UnitList, **ERRORS},
    url_name="units",
    operation_id="list_units",
    tags=["reference"],
    summary="Administrative units, their NSO codes and the 2025 merger map",
)
def list_units(request, params: Query[UnitParams]):
    units = list(
        Unit.objects.select_related("merged_into", "board").prefetch_related("merged_units")
    )
    mergers = {u.slug: u.merged_into.slug for u in units if u.merged_into_id}
    if params.current is not None:
        units = [u for u in units if u.is_current == params.current]
    return {"items": [unit_data(u, request) for u in units], "mergers": mergers}


@api.get(
    "/boards",
    response={200: schemas.BoardList, **ERRORS},
    url_name="boards",
    operation_id="list_boards",
    tags=["reference"],
    summary="The boards, their dated names and contact details",
)
def list_boards(request):
    boards = Board.objects.select_related("unit").prefetch_related("names")
    return {"items": [board_data(b, request) for b in boards]}


@api.get(
    "/sections",
    response={200: schemas.SectionList, **ERRORS},
    url_name="sections",
    operation_id="list_sections",
    tags=["reference"],
    summary="Sections (chuyên mục): shared ones and boards' own",
)
def list_sections(request):
    sections = Section.objects.select_related("unit")
    return {"items": [section_data(s, request) for s in sections]}

"""A wire story run by five outlets with small edits, and its update with a higher toll."""

from __future__ import annotations

from newsgraph.records import Document

WIRE_STORY = (
    "NAIROBI, Kenya — Police opened fire on protesters in Nairobi on Tuesday, killing 12 people, "
    "the Kenya Red Cross said.\n\n"
    "Thousands of demonstrators had marched through the city centre to protest against a new "
    "finance bill that raises taxes on bread, fuel and mobile money transfers. Officers fired "
    "tear gas and live rounds as crowds tried to reach parliament.\n\n"
    "Opposition leaders accused the government of using excessive force and called for an "
    "independent inquiry. The interior ministry said officers had acted in self-defence after "
    "being attacked with stones.\n\n"
    "Hospitals in the capital said they were treating dozens of people with gunshot wounds. "
    "Human rights groups said more than 100 people had been arrested since the protests began "
    "last week.\n\n"
    "The finance bill is expected to be put to a final vote later this month."
)

EDITS = [
    ("", ""),
    ("city centre", "city center"),
    ("Opposition leaders", "Leaders of the opposition"),
    ("is expected to be put", "will be put"),
    ("Hospitals in the capital said", "Hospitals in Nairobi said"),
]
OUTLETS = ["Wire", "Daily Nation", "The Star", "Capital FM", "Citizen Digital"]

FOLLOW_UP = (
    WIRE_STORY.replace(
        "Police opened fire on protesters in Nairobi on Tuesday, killing 12 people",
        "The death toll from Tuesday's protests in Nairobi rose to 15, after police "
        "opened fire on protesters",
    ).replace(  # fmt: skip
        "The finance bill is expected",
        "Three of the wounded died overnight in hospital. The finance bill is expected",
    )  # fmt: skip
)


def syndicated_documents() -> list[Document]:
    """Five copies published on 2024-06-25, the update on 2024-06-26."""
    copies = [
        Document(
            text=WIRE_STORY.replace(old, new),
            source=f"{outlet}.txt",
            source_kind="text",
            outlet=outlet,
            published=f"2024-06-25T{10 + i:02d}:00:00+00:00",
        )
        for i, ((old, new), outlet) in enumerate(zip(EDITS, OUTLETS, strict=True))
    ]
    update = Document(text=FOLLOW_UP, source="update.txt", source_kind="text", outlet="Wire",
                      published="2024-06-26T08:00:00+00:00")  # fmt: skip
    return [*copies, update]

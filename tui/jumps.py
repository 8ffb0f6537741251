"""vim's jump list: where the reviewer was before each jump, for ctrl+o and back again."""

from __future__ import annotations

from dataclasses import dataclass

from budget_review.model import Address


@dataclass(frozen=True)
class Spot:
    """A place the cursor was: a pane, and the cell, card or paragraph in it."""

    pane: str
    place: Address | None = None  # the grid's cell, or a card
    paragraph: int | None = None  # the narrative's paragraph


class JumpList:
    """Spots in the order they were left; a new jump drops the ones ahead, as in vim."""

    LIMIT = 100

    def __init__(self) -> None:
        self.spots: list[Spot] = []
        self.index = 0  # == len(spots) when not travelling through the list

    def leave(self, here: Spot) -> None:
        del self.spots[self.index :]
        if not self.spots or self.spots[-1] != here:
            self.spots.append(here)
        del self.spots[: -self.LIMIT]
        self.index = len(self.spots)

    def back(self, here: Spot) -> Spot | None:
        if self.index >= len(self.spots):
            # leaving the present: remember it, so that forward comes back here
            if not self.spots or self.spots[-1] != here:
                self.spots.append(here)
            self.index = len(self.spots) - 1
        if self.index == 0:
            return None
        self.index -= 1
        return self.spots[self.index]

    def forward(self) -> Spot | None:
        if self.index + 1 >= len(self.spots):
            return None
        self.index += 1
        return self.spots[self.index]

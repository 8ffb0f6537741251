"""The footer of the review screen: Textual's, drawn again once per burst of key changes.

Textual's footer is rebuilt after every change of the screen's keys, and start-up makes
several in a row (the screen mounts, its keys are put in the interface language, the
grid takes the focus): each would build every key of the footer anew, for one frame.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class ReviewFooter(Footer):
    _rebuild_pending = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._rebuild_pending:
            return  # the rebuild already asked for reads the keys as they are by then
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()

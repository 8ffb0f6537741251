"""The review app: settings, the notebook, the loading of files and the global actions.

The panes and the review state (open documents, the current document, table and
language, the jumps, the notes of the document) live on `ReviewScreen`, the default
screen (`tui/screens/review.py`), reached as `app.review`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budget_review.model import InputError, say
from budget_review.review import Reviewed, open_for_review, stop_reading, stored_and_current
from budget_review.store import Store
from budget_review.store.notes import NoteBook
from budget_review.store.store import default_store_path
from budget_review.tui.config import load_keymap, load_settings, save_settings
from budget_review.tui.i18n import text
from budget_review.tui.keys import localise
from budget_review.tui.screens.review import READY_EXIT, ReviewScreen
from textual import work
from textual.app import App, SystemCommand
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.screen import Screen

__all__ = ["READY_EXIT", "ReviewApp", "make_review_app"]

if TYPE_CHECKING:
    from textual.command import Provider


def _review_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (startup stays quick)."""
    from budget_review.tui.commands import ReviewCommands

    return ReviewCommands


class ReviewApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "budget-review"
    COMMANDS = App.COMMANDS | {lambda: _review_commands()}

    lang: reactive[str] = reactive("zh", init=False)

    def __init__(
        self,
        paths: list[Path],
        store_root: Path | None = None,
        lang: str | None = None,
        jobs: int | None = None,
        engine: str | None = None,
        ocr: str | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.store_root = store_root
        self.jobs = jobs
        self.engine = engine
        self.ocr = ocr
        self.settings = load_settings()
        self.set_reactive(ReviewApp.lang, lang or self.settings.get("lang", "zh"))
        remembered = self.settings.get("separators")
        # as printed (None) unless the reviewer chose always or never
        self.separators: bool | None = remembered if isinstance(remembered, bool) else None
        self.failures: list[str] = []  # one line per file that could not be opened
        self.notebook = NoteBook(store_root or default_store_path())
        self.quitting = False  # set on exit: the loading thread starts no other file
        self.review = ReviewScreen(self.lang)

    def get_default_screen(self) -> Screen[Any]:
        return self.review

    def on_mount(self) -> None:
        keymap, problem = load_keymap()
        if keymap:
            self.set_keymap(keymap)
        if problem:
            self.notify(problem, severity="warning", markup=False)
        theme = self.settings.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.title = text("app.title", self.lang)
        # the review screen localises its keys and starts `load` once its panes are there

    def action_command_palette(self) -> None:
        """The palette with its prompt in the interface language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            prompt = text("palette.prompt", self.lang)
            self.push_screen(CommandPalette(placeholder=prompt, id="--command-palette"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette commands, in the interface language."""
        lang = self.lang
        yield SystemCommand(
            text("system.theme", lang), text("system.theme.help", lang), self.action_change_theme
        )
        yield SystemCommand(
            text("system.keys", lang), text("system.keys.help", lang), self.action_help
        )
        if screen.maximized is not None:
            yield SystemCommand(
                text("system.minimize", lang),
                text("system.minimize.help", lang),
                screen.action_minimize,
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                text("system.maximize", lang),
                text("system.maximize.help", lang),
                screen.action_maximize,
            )
        yield SystemCommand(
            text("system.screenshot", lang),
            text("system.screenshot.help", lang),
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )
        yield SystemCommand(
            text("system.quit", lang), text("system.quit.help", lang), self.action_quit
        )

    def watch_theme(self, theme: str) -> None:
        self.settings["theme"] = theme
        save_settings(self.settings)

    # ------------------------------------------------------------------ loading

    def start_loading(self) -> None:
        """Open the files. The first opens at once when the store has it ready (reading the
        store is quick, and the first full screen then shows the document); the others, or
        all when it must be read, open in the loading worker."""
        paths = list(self.paths)
        ready = self._stored_and_current(paths[0]) if paths else None
        if ready is not None:
            self.add_document(ready)
            paths = paths[1:]
        if paths:
            self.load(paths)

    def _stored_and_current(self, path: Path) -> Reviewed | None:
        try:
            with Store(self.store_root) as store:
                return stored_and_current(path, store)
        except Exception:
            return None

    @work(thread=True, exclusive=True, group="load")
    def load(self, paths: list[Path]) -> None:
        """Open each file through the store (parsed only if not there yet), in a thread."""
        for path in paths:
            if self.quitting:
                return
            self.call_from_thread(self._loading, path.name, 0, 0)
            try:
                with Store(self.store_root) as store:
                    reviewed = open_for_review(
                        store, path, self.jobs, self._progress_for(path.name), self.engine, self.ocr
                    )
            except Exception as exc:  # a bad file is reported, the app stays up
                if self.quitting:
                    return  # its reading was stopped because the app is ending
                self.call_from_thread(self._failed, path, exc)
                continue
            self.call_from_thread(self.add_document, reviewed)
        self.call_from_thread(self._loading_done)

    def _progress_for(self, name: str) -> Callable[[int, int], None]:
        """A page-progress callback, called from the loading thread."""

        def report(done: int, total: int) -> None:
            self.call_from_thread(self._loading, name, done, total)

        return report

    def _loading(self, name: str, done: int, total: int) -> None:
        self.review.show_loading(name, done, total)

    def _loading_done(self) -> None:
        self.review.loading_done()
        if not self.review.documents and self.failures:
            # Nothing could be opened: leave with the reasons, one line each, and exit 2.
            self.exit(return_code=2, message="\n".join(self.failures))

    def _failed(self, path: Path, error: Exception) -> None:
        if isinstance(error, InputError):
            line = error.in_(self.lang)
        else:
            line = f"{path}: {say('cli.unexpected', self.lang, problem=error)}"
        self.failures.append(f"budget-review: {line}")
        # named until the reviewer has read it, and listed in 文件 (D) after
        self.notify(
            text("load.failed", self.lang, error=line), severity="error", markup=False, timeout=30
        )
        self.review.stale.add("documents")

    def add_document(self, loaded: Reviewed) -> None:
        self.review.add_document(loaded)

    # ------------------------------------------------------------------ global actions

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Leave at once: a document still being read is stopped, its process ended."""
        self.quitting = True
        stop_reading()
        super().exit(*args, **kwargs)

    def action_help(self) -> None:
        from budget_review.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.lang))

    def action_switch_language(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"

    def localise_bindings(self, lang: str, root: DOMNode | None = None) -> None:
        """Footer descriptions in the interface language (bindings are looked up by id):
        of every node, or of `root` and what it holds (a pane just built)."""
        if root is None:
            nodes = [self, *self.screen_stack[:1], *self.screen_stack[0].walk_children()]
        else:
            nodes = [root, *root.walk_children()]
        for node in nodes:
            localise(node, lang)
        self.refresh_bindings()

    def watch_lang(self, lang: str) -> None:
        self.localise_bindings(lang)
        self.settings["lang"] = lang
        save_settings(self.settings)
        self.title = text("app.title", lang)
        self.review.lang = lang  # the panes follow the screen's language
        self.notify(text("lang.switched", lang), markup=False)


def make_review_app(
    paths: list[Path],
    store_root: Path | None = None,
    lang: str | None = None,
    jobs: int | None = None,
    engine: str | None = None,
    ocr: str | None = None,
) -> ReviewApp:
    """The app as the command line and the tests make it."""
    return ReviewApp(paths, store_root, lang, jobs, engine, ocr)

"""Rendering the Jinja templates: the first line of each .txt template is the subject."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound, select_autoescape

from services.notify.domain import labels
from services.notify.domain.compose import Rendered
from services.notify.domain.errors import UnknownTemplate

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"


class Templates:
    """The e-mail templates of every language; HTML is autoescaped, plain text is not."""

    def __init__(self, root: Path = TEMPLATE_DIR):
        self.env = Environment(loader=FileSystemLoader(str(root)), autoescape=select_autoescape(["html"]),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True)
        self.env.filters.update(stage_name=labels.stage, award_name=labels.award, day=labels.day_text,
                                moment=labels.moment_text, score_text=labels.score_text)

    def render(self, name: str, lang: str, context: dict) -> Rendered:
        """Subject, plain text and HTML of template `name` in `lang` for `context`."""
        try:
            text = self.env.get_template(f"{lang}/{name}.txt").render(context)
            subject, _, body = text.partition("\n")
            html = self.env.get_template(f"{lang}/{name}.html").render({**context, "subject": subject.strip()})
        except TemplateNotFound as exc:
            raise UnknownTemplate(f"no template {name!r} in language {lang!r}") from exc
        return Rendered(subject=" ".join(subject.split()), text=body.lstrip("\n"), html=html)

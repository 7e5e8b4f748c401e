"""`{% slot "name" object %}`: renders what other apps registered for a slot (see fitnesspr/slots.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from fitnesspr import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context: template.Context, name: str, obj: Any = None) -> SafeString:
    loaded = (context.get("slots") or {}).get(name, [])
    parts = []
    for index, filler in enumerate(slots.fillers(name)):
        data = loaded[index].get(getattr(obj, "pk", obj)) if index < len(loaded) else None
        values = {**context.flatten(), "object": obj, "data": data}
        parts.append(get_template(filler.template).render(values, context.get("request")))
    return mark_safe("".join(parts))  # noqa: S308 - each part is a template rendered with autoescaping

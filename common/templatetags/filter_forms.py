"""`{% cached_crispy filters %}`: a GET filter form rendered by crispy-forms once per state, not once per page.

crispy-forms-gds renders each field through several nested templates, which was about a third of the
evidence register's CPU under load (bench/load.py). A filter form's HTML depends only on its class,
the values it was sent and its fields' choices (agencies, recommendations), so it is kept, per process,
under exactly those: a renamed agency or a new recommendation gives a new key, never stale HTML.
A form with errors is rendered afresh every time. Only for forms without a CSRF token (method GET).
"""

from crispy_forms.utils import render_crispy_form
from django import template

register = template.Library()

MAX_ENTRIES = 1024
_rendered: dict = {}


def _state(form) -> tuple:
    """What the form's HTML depends on: its class, its fields' submitted values and their choices."""
    names = {form.add_prefix(name) for name in form.fields}
    sent = tuple(
        sorted(
            (key, tuple(form.data.getlist(key)))
            for key in form.data
            if key in names or key.rpartition("_")[0] in names  # a date's parts: date_from_0, _1, _2
        )
    )
    choices = []
    for name, field in form.fields.items():
        if hasattr(field, "choices"):
            # Read once (a ModelChoiceField's is a query) and kept for the widget, should it render.
            field.widget.choices = list(iter(field.choices))  # iter: no COUNT query for len()
            choices.append((name, tuple((str(value), str(label)) for value, label in field.widget.choices)))
    return (type(form).__module__, type(form).__qualname__, form.is_bound, sent, tuple(choices))


@register.simple_tag(takes_context=True)
def cached_crispy(context, form):
    if form.errors:
        return render_crispy_form(form, context=context.flatten())
    key = _state(form)
    html = _rendered.get(key)
    if html is None:
        html = render_crispy_form(form, context=context.flatten())
        if len(_rendered) >= MAX_ENTRIES:
            _rendered.clear()
        _rendered[key] = html
    return html

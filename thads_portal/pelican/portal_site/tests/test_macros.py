"""`ui`: the theme's macros; a document's card is rendered once per arguments and then
reused, other macros run on every call."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2

from thads_portal.pelican.portal_site import Macros

MACROS = """{% macro post_card(post, heading='h2') -%}
<{{ heading }}>{{ post.title }}</{{ heading }}>
{%- endmacro %}
{% macro breadcrumbs(label) -%}<nav>{{ label }}</nav>{%- endmacro %}"""


def _ui() -> Macros:
    environment = jinja2.Environment(
        loader=jinja2.DictLoader({"partials/macros.html": MACROS}), autoescape=True
    )
    return Macros(environment.get_template("partials/macros.html").module)


def test_a_card_is_rendered_once_per_document_and_arguments():
    ui = _ui()
    first, second = SimpleNamespace(title="Đấu giá <đất>"), SimpleNamespace(title="Tin khác")
    card = ui.post_card(first)
    assert card == "<h2>Đấu giá &lt;đất&gt;</h2>"
    assert ui.post_card(first) is card  # reused, not rendered again
    assert ui.post_card(first, "h3") == "<h3>Đấu giá &lt;đất&gt;</h3>"
    assert ui.post_card(first, heading="h3") == "<h3>Đấu giá &lt;đất&gt;</h3>"
    assert ui.post_card(second) == "<h2>Tin khác</h2>"
    assert ui.post_card(first) is card


def test_other_macros_run_on_every_call():
    ui = _ui()
    assert ui.breadcrumbs("Thông báo") == "<nav>Thông báo</nav>"
    assert ui.breadcrumbs("Thông báo") is not ui.breadcrumbs("Thông báo")


def test_a_template_calls_the_cards_through_ui():
    environment = jinja2.Environment(
        loader=jinja2.DictLoader(
            {
                "partials/macros.html": MACROS,
                "list.html": "{% for p in posts %}{{ ui.post_card(p, 'h3') }}{% endfor %}",
            }
        ),
        autoescape=True,
    )
    environment.globals["ui"] = Macros(environment.get_template("partials/macros.html").module)
    posts = [SimpleNamespace(title="Một"), SimpleNamespace(title="Hai")]
    page = environment.get_template("list.html")
    assert page.render(posts=posts) == "<h3>Một</h3><h3>Hai</h3>"
    assert page.render(posts=posts[::-1]) == "<h3>Hai</h3><h3>Một</h3>"

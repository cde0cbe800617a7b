"""`CompiledOnce`: the generators of one build compile each template once between them;
an edited template and another build compile anew."""

from __future__ import annotations

import jinja2

from thads_portal.pelican.portal_site import CompiledOnce


def _environment(templates: dict, cache: CompiledOnce) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True, bytecode_cache=cache)


def _counting(monkeypatch) -> list[str]:
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    return compiled


def test_the_generators_of_a_build_share_compiled_templates(monkeypatch):
    compiled = _counting(monkeypatch)
    shared, build = CompiledOnce(), {}
    templates = {"page.html": "<p>{{ title }}</p>"}
    first = _environment(templates, shared.of_build(build))
    second = _environment(templates, shared.of_build(build))
    assert first.get_template("page.html").render(title="<Đất>") == "<p>&lt;Đất&gt;</p>"
    assert second.get_template("page.html").render(title="Nhà") == "<p>Nhà</p>"
    assert compiled == ["page.html"]


def test_an_edited_template_and_another_build_compile_anew(monkeypatch):
    compiled = _counting(monkeypatch)
    shared, build = CompiledOnce(), {}
    _environment({"page.html": "<p>{{ title }}</p>"}, shared.of_build(build)).get_template("page.html")
    edited = _environment({"page.html": "<h1>{{ title }}</h1>"}, shared.of_build(build))
    assert edited.get_template("page.html").render(title="Đất") == "<h1>Đất</h1>"
    later = _environment({"page.html": "<h1>{{ title }}</h1>"}, shared.of_build({}))
    assert later.get_template("page.html").render(title="Nhà") == "<h1>Nhà</h1>"
    assert compiled == ["page.html"] * 3

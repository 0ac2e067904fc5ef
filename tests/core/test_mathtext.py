"""mathtext: LaTeX to the Unicode text a learner sees in the terminal.

The formulas of the slides' optimizer pages are copied here (the slides live outside the repository); when
the slides are beside the repository, a test checks that none is missing.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tutor.core.mathtext import display, inline, render_markdown, render_plain, width

# (LaTeX, the lines of its display form, its one-line form), in slide order
SLIDE_FORMULAS = [
    ('\\alpha := \\frac{\\alpha_0}{1 + \\text{decay} * \\text{epoca}}',
     ['            α₀',
      'α := ─────────────────',
      '     1 + decay · epoca'],
     'α := α₀/(1 + decay · epoca)'),
    ('\\alpha := \\beta^{\\text{epoca}}',
     ['      epoca',
      'α := β'],
     'α := βᵉᵖᵒᶜᵃ'),
    ('\\alpha := \\frac{k}{\\sqrt{\\text{epoca}}} * \\alpha_0',
     ['       k',
      'α := ────── · α₀',
      '     √epoca'],
     'α := k/√epoca · α₀'),
    ('\\alpha(t) := \\frac{1}{k} * \\alpha(t - 1)',
     ['        1',
      'α(t) := ─ · α(t - 1)',
      '        k'],
     'α(t) := 1/k · α(t - 1)'),
    ('S(\\theta_i) := S(\\theta_i) + \\left( \\frac{\\partial}{\\partial \\theta_i} J(\\Theta) \\right)^2',
     ['                 ⎛ ∂      ⎞²',
      'S(θᵢ) := S(θᵢ) + ⎜─── J(Θ)⎟',
      '                 ⎝∂θᵢ     ⎠'],
     'S(θᵢ) := S(θᵢ) + (∂/∂θᵢ J(Θ))²'),
    ('\\theta_i := \\theta_i - \\alpha * \\frac{\\left( \\frac{\\partial}{\\partial \\theta_i} J(\\Theta) \\right)^2}{\\sqrt{S(\\theta_i)} + \\epsilon}',
     ['               ⎛ ∂      ⎞²',
      '               ⎜─── J(Θ)⎟',
      '               ⎝∂θᵢ     ⎠',
      'θᵢ := θᵢ - α · ────────────',
      '               √(S(θᵢ)) + ε'],
     'θᵢ := θᵢ - α · (∂/∂θᵢ J(Θ))²/(√(S(θᵢ)) + ε)'),
    ('\\text{Momentum}(\\theta_i) := \\beta * \\text{Momentum}(\\theta_i) + (1 - \\beta) \\frac{\\partial}{\\partial \\theta_i} J(\\Theta) \\quad \\theta_i := \\theta_i - \\alpha * \\text{Momentum}(\\Theta)',
     ['                                            ∂',
      'Momentum(θᵢ) := β · Momentum(θᵢ) + (1 - β) ─── J(Θ)    θᵢ := θᵢ - α · Momentum(Θ)',
      '                                           ∂θᵢ'],
     'Momentum(θᵢ) := β · Momentum(θᵢ) + (1 - β) ∂/∂θᵢ J(Θ)    θᵢ := θᵢ - α · Momentum(Θ)'),
    ('S(\\theta_i) := \\beta * S(\\theta_i) + (1 - \\beta) \\left( \\frac{\\partial}{\\partial \\theta_i} J(\\Theta) \\right)^2 \\quad \\theta_i := \\theta_i - \\alpha * \\frac{\\partial}{\\partial \\theta_i} J(\\Theta) * \\frac{1}{\\sqrt{S(\\theta_i) + \\epsilon}}',
     ['                            ⎛ ∂      ⎞²                    ∂              1',
      'S(θᵢ) := β · S(θᵢ) + (1 - β)⎜─── J(Θ)⎟     θᵢ := θᵢ - α · ─── J(Θ) · ────────────',
      '                            ⎝∂θᵢ     ⎠                    ∂θᵢ        √(S(θᵢ) + ε)'],
     'S(θᵢ) := β · S(θᵢ) + (1 - β)(∂/∂θᵢ J(Θ))²    θᵢ := θᵢ - α · ∂/∂θᵢ J(Θ) · 1/√(S(θᵢ) + ε)'),
    ('\\text{Momentum}(\\theta_i) := \\beta_1 * \\text{Momentum}(\\theta_i) + (1 - \\beta_1) \\frac{\\partial}{\\partial \\theta_i} J(\\Theta)',
     ['                                              ∂',
      'Momentum(θᵢ) := β₁ · Momentum(θᵢ) + (1 - β₁) ─── J(Θ)',
      '                                             ∂θᵢ'],
     'Momentum(θᵢ) := β₁ · Momentum(θᵢ) + (1 - β₁) ∂/∂θᵢ J(Θ)'),
    ('S(\\theta_i) := \\beta_2 * S(\\theta_i) + (1 - \\beta_2) \\left( \\frac{\\partial}{\\partial \\theta_i} J(\\Theta) \\right)^2',
     ['                              ⎛ ∂      ⎞²',
      'S(θᵢ) := β₂ · S(θᵢ) + (1 - β₂)⎜─── J(Θ)⎟',
      '                              ⎝∂θᵢ     ⎠'],
     'S(θᵢ) := β₂ · S(θᵢ) + (1 - β₂)(∂/∂θᵢ J(Θ))²'),
    ('\\theta_i := \\theta_i - \\alpha * \\text{Momentum}(\\theta_i) * \\frac{1}{\\sqrt{S(\\theta_i)} + \\epsilon}',
     ['                                   1',
      'θᵢ := θᵢ - α · Momentum(θᵢ) · ────────────',
      '                              √(S(θᵢ)) + ε'],
     'θᵢ := θᵢ - α · Momentum(θᵢ) · 1/(√(S(θᵢ)) + ε)'),
]

SLIDE_INLINE = [
    ('\\beta = 0.9', 'β = 0.9'),
    ('\\beta_1', 'β₁'),
    ('\\beta_2', 'β₂'),
]
SLIDES = Path(__file__).resolve().parents[2].parent / "shared" / "course" / "slides.md"


@pytest.mark.parametrize("latex, lines, one_line", SLIDE_FORMULAS, ids=[f"slide-{n}" for n in range(len(SLIDE_FORMULAS))])
def test_slide_formulas_display(latex, lines, one_line):
    assert display(latex) == lines
    assert inline(latex) == one_line


@pytest.mark.parametrize("latex, text", SLIDE_INLINE)
def test_slide_inline_formulas(latex, text):
    assert inline(latex) == text


def test_every_formula_of_the_optimizer_pages_is_covered():
    if not SLIDES.is_file():
        pytest.skip("the course slides are not beside the repository")
    text = SLIDES.read_text(encoding="utf-8")
    start = text.index("# OPTIMIZADORES")
    end = text.index("# AGENDA", text.index("Usualmente supera"))
    pages = text[start:end]
    shown = {f for f, _, _ in SLIDE_FORMULAS} | {f for f, _ in SLIDE_INLINE}
    found = re.findall(r"\$\$(.+?)\$\$", pages, re.S)
    found += re.findall(r"(?<!\$)\$([^$]+?)\$(?!\$)", re.sub(r"\$\$.+?\$\$", "", pages, flags=re.S))
    assert found and set(found) <= shown


def test_display_lines_line_up():
    # every line of a display formula has the fraction bar where the numerator and denominator are
    lines = display(r"\alpha := \frac{\alpha_0}{1 + \text{decay} * \text{epoca}}")
    bar = lines[1].index("─")
    assert lines[2][bar:].startswith("1 + decay")
    assert width(lines[1]) == width(lines[2])


@pytest.mark.parametrize("latex, text", [
    # Greek letters, sub- and superscripts
    (r"\alpha + \beta_1^t - \Theta", "α + β₁ᵗ - Θ"),
    (r"x^{2} + y_{i,j}", "x² + yᵢ,ⱼ"),
    (r"\theta_{t+1} = \theta_t - \eta \nabla_\theta L", "θₜ₊₁ = θₜ - η ∇_θ L"),
    (r"e^{-x^2}", "e^(-x²)"),
    (r"\mathbb{R}^{n \times m}", "ℝ^(n×m)"),
    # fractions: parentheses only where needed
    (r"\frac{m_t}{1-\beta_1^t}", "mₜ/(1 - β₁ᵗ)"),
    (r"\frac{\partial}{\partial w} J", "∂/∂w J"),
    (r"-\frac{1}{2}", "-1/2"),
    # roots, hats, sums
    (r"\sqrt{\hat{v}_t} + \epsilon", "√v̂ₜ + ε"),
    (r"\sqrt[3]{x}", "∛x"),
    (r"\sum_{i=1}^{n} x_i", "Σᵢ₌₁ⁿ xᵢ"),
    (r"\hat{y} = \sigma(Wx + b)", "ŷ = σ(Wx + b)"),
    (r"\bar{x} \cdot \vec{v}", "x̄ · v⃗"),
    # relations and arrows
    (r"a \leq b \neq c \approx d \rightarrow e", "a ≤ b ≠ c ≈ d → e"),
    (r"f'(x)", "f′(x)"),
    (r"\log p + \max_x f(x)", "log p + maxₓ f(x)"),
    (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", "[1, 2; 3, 4]"),
    (r"\unknownmacro{x}", r"\unknownmacro x"),
])
def test_inline(latex, text):
    assert inline(latex) == text


def test_display_sum_has_its_limits_above_and_below():
    assert display(r"\sum_{i=1}^{n} x_i") == [" n", " Σ  xᵢ", "i=1"]


def test_display_matrix_has_tall_brackets():
    assert display(r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}") == ["⎛a  b⎞", "⎝c  d⎠"]


def test_markdown_converts_math_and_leaves_code_alone():
    md = ("Update $\\theta := \\theta - \\alpha g$ now.\n\n"
          "$$\\hat{m}_t = \\frac{m_t}{1 - \\beta_1^t}$$\n\n"
          "Code `$x_1$` and\n\n```python\ncost = '$5 and $10'\n```\n"
          "Prices $5 and $10 stay.\n")
    out = render_markdown(md)
    assert "Update θ := θ - αg now." in out
    assert "```text\n       mₜ\nm̂ₜ = ───────\n     1 - β₁ᵗ\n```" in out
    assert "`$x_1$`" in out and "cost = '$5 and $10'" in out and "Prices $5 and $10 stay." in out


def test_markdown_escapes_what_markdown_would_eat():
    # a bare * or _ in the converted text must not turn into emphasis
    assert render_markdown(r"$a_{xy} * b$") == r"a\_(xy) · b"


def test_plain_text_for_hints():
    assert render_plain(r"Divide by $\sqrt{S + \epsilon}$.") == "Divide by √(S + ε)."


def test_a_formula_that_cannot_be_read_is_shown_as_written():
    out = render_markdown("before $\\frac{a}{$ after")
    assert "before" in out and "after" in out

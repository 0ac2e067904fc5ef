'''`tutor lesson new SLUG`: a complete lesson that passes `tutor lesson check` at once and shows, by example
and in comments, every part of the course format (docs/instructors.md).
'''
from __future__ import annotations

import os
import re
from pathlib import Path

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NUMBERED_RE = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
COURSE_DIRS = ("exercises", "solutions", "graders")


class ScaffoldError(ValueError):
    """The lesson cannot be created as asked (bad input)."""


def next_number(root: Path) -> int:
    """One more than the highest NN used in any of the course's folders (1 for an empty course)."""
    used = [int(m.group(1)) for sub in COURSE_DIRS if (root / sub).is_dir()
            for name in os.listdir(root / sub) if (m := NUMBERED_RE.match(name))]
    return max(used, default=0) + 1


def new_lesson(root: Path, slug: str) -> list[Path]:
    """Write the lesson's files under root; returns them. Never overwrites anything."""
    if not SLUG_RE.match(slug):
        raise ScaffoldError(f"'{slug}' is not a valid lesson slug: use lower-case letters, digits and single "
                            "hyphens, e.g. 'feature-scaling'")
    if root.exists() and not root.is_dir():
        raise ScaffoldError(f"{root} is not a folder")
    for sub in COURSE_DIRS:
        folder = root / sub
        for name in sorted(os.listdir(folder)) if folder.is_dir() else ():
            m = NUMBERED_RE.match(name)
            if m and m.group(2) == slug:
                raise ScaffoldError(f"the course at {root} already has a lesson '{slug}' ({sub}/{name}); "
                                    "pick another slug")
    dirname = f"{next_number(root):02d}-{slug}"
    title = slug.replace("-", " ").capitalize()
    files = {
        f"exercises/{dirname}/lesson.toml": MANIFEST.replace("{title}", title).replace("{dirname}", dirname)
                                                    .replace("{slug}", slug),
        f"exercises/{dirname}/lesson.en.md": LESSON_EN.replace("{title}", title),
        f"exercises/{dirname}/lesson.es.md": LESSON_ES.replace("{title}", title),
        f"exercises/{dirname}/standardize.py": STARTER,
        f"exercises/{dirname}/instructions.es.toml": INSTRUCTIONS_ES,
        f"solutions/{dirname}/standardize.py": SOLUTION,
        f"solutions/{dirname}/wrong/standardize/global_statistics.py": WRONG_GLOBAL,
        f"graders/{dirname}/test_standardize.py": GRADER.replace("{slug}", slug),
    }
    written = []
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as fh:  # "x": an existing file is an error, never overwritten
            fh.write(text)
        written.append(path)
    return written


MANIFEST = '''# The lesson manifest. docs/instructors.md describes every key; `tutor lesson check {slug}` proves the
# lesson sound. The folder name {dirname} gives the order (NN) and the id ("{slug}").
format = 1
title.en = "{title}"
title.es = "{title}"  # every text needs English and Spanish: translate this title
summary.en = "Standardize features: subtract each column's mean, divide by its standard deviation."
summary.es = "Estandarizar atributos: restar la media de cada columna y dividir por su desviación estándar."

# Quiz kinds: single (answer = index), multiple (answer = [indexes]), number (answer, tolerance),
# shape (answer = "(n, 10)"; names stand for any size), expression (answer = a formula over `symbols`,
# compared with sympy, so "(x - mu)/sigma" also accepts "x/sigma - mu/sigma").
[[quiz]]
id = "standardized-value"
kind = "number"
prompt.en = "A feature takes the values 2, 4 and 6. Standardized with the population standard deviation, what does 6 become?"
prompt.es = "Un atributo toma los valores 2, 4 y 6. Estandarizado con la desviación estándar poblacional, ¿en qué se convierte 6?"
answer = 1.2247
tolerance = 1e-3  # number answers within this distance are right
explanation.en = "The mean is 4 and the standard deviation is $\\\\sqrt{8/3} \\\\approx 1.633$, so $(6 - 4)/1.633 \\\\approx 1.225$."
explanation.es = "La media es 4 y la desviación estándar es $\\\\sqrt{8/3} \\\\approx 1.633$, así que $(6 - 4)/1.633 \\\\approx 1.225$."

[[quiz]]
id = "standardize-formula"
kind = "expression"
prompt.en = "Write the standardized value of $x$ for a feature with mean $\\\\mu$ (mu) and standard deviation $\\\\sigma$ (sigma)."
prompt.es = "Escribe el valor estandarizado de $x$ para un atributo de media $\\\\mu$ (mu) y desviación estándar $\\\\sigma$ (sigma)."
answer = "(x - mu)/sigma"
symbols = ["x", "mu", "sigma"]  # the names a learner's formula may use
explanation.en = "Subtracting $\\\\mu$ centres the feature at 0; dividing by $\\\\sigma$ gives it unit spread."
explanation.es = "Restar $\\\\mu$ centra el atributo en 0; dividir por $\\\\sigma$ le da dispersión unitaria."

# Each exercise: starter exercises/{dirname}/standardize.py, reference solutions/{dirname}/standardize.py,
# grader graders/{dirname}/test_standardize.py (an id with hyphens maps to a file with underscores).
[[exercise]]
id = "standardize"
title.en = "Standardize each column"
title.es = "Estandarizar cada columna"
points = 10         # the exercise's weight; its checks share it in proportion to their own points
runtime = "numpy"   # numpy | tensorflow (Keras 3) | tensorflow-legacy (tf.compat.v1 + tf-keras)
device = "cpu"      # cpu | any (any: a GPU is used when visible and allowed)
timeout = 30        # seconds of wall clock for the whole grade
memory = 1024       # MiB for the learner's process tree
hints.en = ["Compute the statistics along axis 0: one mean and one standard deviation per column.", "x.mean(axis=0) and x.std(axis=0) have shape (d,); NumPy broadcasts them over the n rows."]
hints.es = ["Calcula las estadísticas a lo largo del eje 0: una media y una desviación estándar por columna.", "x.mean(axis=0) y x.std(axis=0) tienen forma (d,); NumPy las extiende sobre las n filas."]

# A known mistake: solutions/{dirname}/wrong/standardize/global_statistics.py has the same function with
# this one error. A failing submission whose failed checks pass against it earns this hint.
[[exercise.misconception]]
id = "global-statistics"
hint.en = "Your result matches standardizing with one mean and one deviation for the whole array: use axis=0 so that each column gets its own."
hint.es = "Tu resultado coincide con estandarizar con una sola media y una sola desviación para todo el arreglo: usa axis=0 para que cada columna tenga las suyas."
'''

LESSON_EN = '''# {title}

Features measured on different scales (metres and millimetres, pixels and counts) slow gradient descent
down: the loss surface is stretched along the large features. *Standardizing* gives every feature the same
scale. For a feature with mean $\\mu$ and standard deviation $\\sigma$, each value becomes

$$z = \\frac{x - \\mu}{\\sigma}$$

so that the feature has mean 0 and standard deviation 1.

For a data matrix $X$ of shape $(n, d)$ (one row per instance, one column per feature) the statistics are
taken **per column**, along axis 0:

$$\\mu_j = \\frac{1}{n} \\sum_{i=1}^{n} X_{ij}, \\qquad \\sigma_j = \\sqrt{\\frac{1}{n} \\sum_{i=1}^{n} (X_{ij} - \\mu_j)^2}$$

A column that never changes has $\\sigma_j = 0$; adding a small $\\varepsilon$ to the denominator keeps the
result finite (that column becomes 0).

Compute $\\mu$ and $\\sigma$ on the training set only, and reuse them for validation and test data.
'''

LESSON_ES = '''# {title}

Los atributos medidos en escalas distintas (metros y milímetros, píxeles y conteos) frenan el descenso de
gradiente: la superficie de pérdida se estira a lo largo de los atributos grandes. *Estandarizar* da a todos
los atributos la misma escala. Para un atributo de media $\\mu$ y desviación estándar $\\sigma$, cada valor pasa a ser

$$z = \\frac{x - \\mu}{\\sigma}$$

de modo que el atributo queda con media 0 y desviación estándar 1.

Para una matriz de datos $X$ de forma $(n, d)$ (una fila por instancia, una columna por atributo) las
estadísticas se calculan **por columna**, a lo largo del eje 0:

$$\\mu_j = \\frac{1}{n} \\sum_{i=1}^{n} X_{ij}, \\qquad \\sigma_j = \\sqrt{\\frac{1}{n} \\sum_{i=1}^{n} (X_{ij} - \\mu_j)^2}$$

Una columna que nunca cambia tiene $\\sigma_j = 0$; sumar un $\\varepsilon$ pequeño al denominador mantiene
el resultado finito (esa columna queda en 0).

Calcula $\\mu$ y $\\sigma$ solo con el conjunto de entrenamiento y reutilízalas para validación y prueba.
'''

STARTER = '''"""Standardize features: each column of x gets mean 0 and standard deviation 1."""
from __future__ import annotations

import numpy as np


def standardize(x: np.ndarray, eps: float = 1e-8) -> np.ndarray:
    """Return (x - mean) / (std + eps), with the mean and standard deviation of each column (axis 0).

    x has shape (n, d): n instances, d features. Use the population standard deviation (np.std's default).
    The result has the shape of x.
    """
    # TODO: compute the mean and the standard deviation of each column, then standardize x with them
    raise NotImplementedError
'''

INSTRUCTIONS_ES = '''# The starters' instructions in Spanish (the English is each starter's docstrings), by exercise id.
[standardize]
module = "Estandarizar variables: cada columna de x queda con media 0 y desviación estándar 1."

[standardize.functions]
standardize = """Devuelve (x - media) / (desviación + eps), con la media y la desviación estándar de cada columna (eje 0).

x tiene forma (n, d): n instancias, d variables. Usa la desviación estándar poblacional (la de np.std por omisión).
El resultado tiene la forma de x."""
'''

SOLUTION = '''"""Reference: standardizing each column."""
from __future__ import annotations

import numpy as np


def standardize(x: np.ndarray, eps: float = 1e-8) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    return (x - x.mean(axis=0)) / (x.std(axis=0) + eps)
'''

WRONG_GLOBAL = '''"""Misconception global-statistics: one mean and one deviation for the whole array instead of per column."""
from __future__ import annotations

import numpy as np


def standardize(x: np.ndarray, eps: float = 1e-8) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    return (x - x.mean()) / (x.std() + eps)
'''

GRADER = '''"""Grader for {slug}/standardize.

`submission` is a proxy to the learner's module (it runs in a sandbox; arguments and results cross as data).
`reference` is the solution module, or a misconception's variant while the engine looks for a known mistake:
comparing with `reference` (not with constants) is what lets that mistake be recognised.
Every check needs @pytest.mark.points and @pytest.mark.title in both languages; messages use t(en, es) and
tell the learner what to do. Inputs are hidden: random, from fixed seeds, never the starter's examples.
"""
from __future__ import annotations

import numpy as np
import pytest

from tutor.grading.checks import check_array, t


def _data(rng: np.random.Generator) -> np.ndarray:
    n, d = int(rng.integers(3, 40)), int(rng.integers(2, 6))
    # Columns on very different scales, as in the lesson: per-column statistics matter.
    return rng.normal(loc=rng.uniform(-50, 50, d), scale=rng.uniform(0.1, 20, d), size=(n, d))


@pytest.mark.points(2)
@pytest.mark.title(en="Keeps the shape of x", es="Conserva la forma de x")
def test_shape(submission):
    x = _data(np.random.default_rng(11))
    got = np.asarray(submission.standardize(x))
    assert got.shape == x.shape, t(f"standardize(x) returned shape {got.shape} for x of shape {x.shape}; "
                                   "return one value per entry of x",
                                   f"standardize(x) devolvió forma {got.shape} para x de forma {x.shape}; "
                                   "devuelve un valor por cada entrada de x")


@pytest.mark.points(6)
@pytest.mark.title(en="Hidden random matrices", es="Matrices aleatorias ocultas")
def test_random(submission, reference):
    rng = np.random.default_rng(2024)
    for _ in range(5):
        x = _data(rng)
        # check_array names the first differing entry and the relative error band (rtol is the tolerance).
        check_array(submission.standardize(x), reference.standardize(x),
                    what=f"standardize(x) for x of shape {x.shape}", rtol=1e-6)


@pytest.mark.points(2)
@pytest.mark.title(en="A constant column stays finite", es="Una columna constante queda finita")
def test_constant_column(submission, reference):
    x = np.column_stack([np.full(7, 3.0), np.linspace(-1.0, 5.0, 7)])
    check_array(submission.standardize(x), reference.standardize(x),
                what="standardize(x) with a constant first column (add eps to the deviation)", rtol=1e-6)
'''

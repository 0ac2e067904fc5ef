"""The command line's grammar in the learner's language: help texts, and argparse's own words in Spanish.

The language is known before parsing (`--lang` scanned from argv, else the locale), so `tutor --lang es --help`
and a usage error are in Spanish too. argparse looks its phrases up through `argparse._` (gettext); the Spanish
catalog below stands in for a gettext catalog, installed for the one parse.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable

from tutor import __version__
from tutor.core.i18n import default_lang, pick

# argparse's phrases (Python 3.11+) that a learner can meet: headings, usage errors.
ARGPARSE_ES: dict[str, str] = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos posicionales",
    "options": "opciones",
    "show this help message and exit": "muestra esta ayuda y sale",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "the following arguments are required: %s": "faltan los argumentos: %s",
    "one of the arguments %s is required": "se necesita uno de los argumentos %s",
    "not allowed with argument %s": "no se permite junto con el argumento %s",
    "expected one argument": "se esperaba un argumento",
    "expected at most one argument": "se esperaba como mucho un argumento",
    "expected at least one argument": "se esperaba al menos un argumento",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s puede ser %(matches)s",
    "invalid %(type)s value: %(value)r": "valor %(type)s no válido: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "opción no válida: %(value)r (elige entre %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
}


def lang_from_argv(argv: list[str]) -> str:
    """`--lang es` / `--lang=es` anywhere before `--`, else the locale: what the parse itself will be said in."""
    for n, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        elif arg == "--lang" and n + 1 < len(argv):
            value = argv[n + 1]
        else:
            continue
        if value in ("en", "es"):
            return value
    return default_lang()


def argparse_words(lang: str) -> Callable[[str], str]:
    """A gettext-like lookup for argparse's own phrases."""
    if lang != "es":
        return lambda text: text
    return lambda text: ARGPARSE_ES.get(text, text)


# Each learner command's --help: a description and an example, in both languages.
ABOUT: dict[str, tuple[str, str, str]] = {
    "start": ("Open the terminal tutor: the course map, lessons, quizzes and exercises. The first run creates the "
              "workspace with a copy of every starter file and shows a short welcome.",
              "Abre el tutor en la terminal: el mapa del curso, las lecciones, los cuestionarios y los ejercicios. "
              "La primera vez crea el espacio de trabajo con una copia de cada archivo inicial y da la bienvenida.",
              "tutor start --lang es"),
    "init": ("Create the workspace (default ./tutor-workspace) with a copy of every starter file; files you already "
             "have are never overwritten. Then run `tutor start`.",
             "Crea el espacio de trabajo (por omisión ./tutor-workspace) con una copia de cada archivo inicial; "
             "nunca sobrescribe los que ya tienes. Después, corre `tutor start`.", "tutor init --workspace ~/curso"),
    "list": ("List the course's lessons, their quiz sizes and exercise ids.",
             "Lista las lecciones del curso, el tamaño de sus cuestionarios y los ids de los ejercicios.",
             "tutor list --json"),
    "progress": ("For each exercise: attempts, best score, the last result; for each lesson: the quiz answered right "
                 "so far.", "Por ejercicio: intentos, mejor puntaje y último resultado; por lección: las preguntas "
                 "del cuestionario respondidas bien hasta ahora.", "tutor progress"),
    "hint": ("Reveal the next hint of an exercise (the ones already revealed are shown again).",
             "Muestra la siguiente pista de un ejercicio (y de nuevo las ya vistas).", "tutor hint tensors/broadcasting"),
    "reset": ("Restore an exercise's starter file; your version is kept in the workspace's .tutor/backups/.",
              "Restaura el archivo inicial de un ejercicio; tu versión queda en .tutor/backups/ del espacio de "
              "trabajo.", "tutor reset tensors/broadcasting"),
    "solution": ("Print the reference solution of an exercise you have passed.",
                 "Imprime la solución de referencia de un ejercicio que ya aprobaste.",
                 "tutor solution tensors/broadcasting"),
    "submit": ("Grade your file for an exercise in a sandbox and record the attempt. Exit 0 passed, 1 not passed, "
               "2 bad input.", "Califica tu archivo de un ejercicio en un entorno aislado y registra el intento. "
               "Sale con 0 si aprueba, 1 si no, 2 si la entrada no sirve.", "tutor submit tensors/broadcasting --json"),
    "data": ("Say which MNIST source the exercises will load, and its size.",
             "Dice qué fuente de MNIST cargarán los ejercicios, y su tamaño.", "tutor data"),
    "quiz": ("Take a lesson's quiz in the plain terminal, or answer one question with --answer.",
             "Responde el cuestionario de una lección en la terminal simple, o una pregunta con --answer.",
             "tutor quiz tensors/spreadsheet --answer \"(n, 10)\""),
    "lesson": ("Instructors: scaffold a lesson that passes `check` at once, or prove lessons sound.",
               "Docentes: crear una lección que pasa `check` desde el inicio, o comprobar que las lecciones están "
               "bien.", "tutor lesson check --course ./my-course"),
    "grade": ("Instructors: grade a folder of submissions (one folder per student) into a gradebook.",
              "Docentes: calificar una carpeta de envíos (una carpeta por alumno) en un libro de notas.",
              "tutor grade submissions/ --all --export grades.csv"),
    "export": ("Instructors: build an autograder bundle for a learning-management system.",
               "Docentes: armar el paquete de autocalificación para una plataforma de cursos.",
               "tutor export gradescope optimizers/adam --output autograder.zip"),
    "serve": ("Instructors: serve the tutor to browsers, one workspace per learner behind a token.",
              "Docentes: servir el tutor a navegadores, un espacio de trabajo por alumno tras un token.",
              "tutor serve --root class/ --tokens tokens.txt --host 0.0.0.0"),
    "report": ("Instructors: one page on what the class gets wrong, and which submissions look alike.",
               "Docentes: una página sobre lo que la clase hace mal y qué envíos se parecen.",
               "tutor report gradebook.sqlite3 --html report/ --submissions submissions/"),
}


def _describe(sub: argparse._SubParsersAction, lang: str) -> None:
    """Give each learner command its description and an example (`tutor COMMAND --help`)."""
    example = pick(lang, "example", "ejemplo")
    for name, parser in sub.choices.items():
        if name in ABOUT:
            en, es, line = ABOUT[name]
            parser.description = pick(lang, en, es)
            parser.epilog = f"{example}:\n  {line}"
            parser.formatter_class = argparse.RawDescriptionHelpFormatter



def _common(lang: str, defaults: bool) -> argparse.ArgumentParser:
    # Sub-commands take the same options without defaults, so `tutor --lang es hint X` keeps "es".
    s = lambda en, es: pick(lang, en, es)  # noqa: E731 - one letter keeps the table of help texts readable
    common = argparse.ArgumentParser(add_help=False)
    d = (lambda v: v) if defaults else (lambda v: argparse.SUPPRESS)
    common.add_argument("--lang", choices=("en", "es"), default=d(None),
                        help=s("language (default from LANG)", "idioma (por omisión, el de LANG)"))
    common.add_argument("--course", action="append", default=d([]), metavar=s("DIR", "CARPETA"),
                        help=s("an extra course folder (repeatable; also TUTOR_COURSE)",
                               "una carpeta de curso más (se puede repetir; también TUTOR_COURSE)"))
    common.add_argument("--workspace", metavar=s("DIR", "CARPETA"), default=d(None),
                        help=s("the learner's workspace (default ./tutor-workspace, or TUTOR_WORKSPACE)",
                               "el espacio de trabajo (por omisión ./tutor-workspace, o TUTOR_WORKSPACE)"))
    return common


def build_parser(lang: str) -> argparse.ArgumentParser:
    s = lambda en, es: pick(lang, en, es)  # noqa: E731
    common = _common(lang, False)
    p = argparse.ArgumentParser(prog="tutor", parents=[_common(lang, True)],
                                description=s("Tensor Tutor: lessons, quizzes and graded exercises for deep learning.",
                                              "Tensor Tutor: lecciones, cuestionarios y ejercicios evaluados de "
                                              "aprendizaje profundo."),
                                epilog=s("start here:\n  tutor start\n\n`tutor COMMAND --help` describes each command.",
                                         "para empezar:\n  tutor start\n\n`tutor ORDEN --help` describe cada orden."),
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"tutor {__version__}",
                   help=s("show the version and exit", "muestra la versión y sale"))
    sub = p.add_subparsers(dest="command", metavar=s("COMMAND", "ORDEN"))
    sub.add_parser("start", parents=[common], help=s("open the tutor (creates the workspace on first run)",
                                                     "abre el tutor (crea el espacio de trabajo la primera vez)"))
    sub.add_parser("init", parents=[common], help=s("create the workspace with the starter files",
                                                    "crea el espacio de trabajo con los archivos iniciales"))
    as_json = s("print exactly one JSON object (or list) on stdout; errors too, as {\"status\": \"error\", ...}",
                "imprime exactamente un objeto JSON (o una lista); los errores también, como {\"status\": \"error\", ...}")
    x = sub.add_parser("list", parents=[common], help=s("lessons and exercises, in order",
                                                        "lecciones y ejercicios, en orden"))
    x.add_argument("--json", action="store_true", help=as_json)
    x = sub.add_parser("progress", parents=[common], help=s("attempts, best scores, hints used",
                                                            "intentos, mejores puntajes, pistas usadas"))
    x.add_argument("--json", action="store_true", help=as_json)
    ident = s("an exercise id, e.g. tensors/broadcasting", "el identificador de un ejercicio, p. ej. tensors/broadcasting")
    x = sub.add_parser("hint", parents=[common], help=s("reveal the next hint of an exercise",
                                                        "muestra la siguiente pista de un ejercicio"))
    x.add_argument("id", metavar="ID", help=ident)
    x = sub.add_parser("reset", parents=[common], help=s("restore the starter, keeping your version as a backup",
                                                         "restaura el archivo inicial y guarda tu versión como copia"))
    x.add_argument("id", metavar="ID", help=ident)
    x = sub.add_parser("solution", parents=[common], help=s("show the reference solution (after you pass)",
                                                            "muestra la solución de referencia (una vez aprobado)"))
    x.add_argument("id", metavar="ID", help=ident)
    x = sub.add_parser("submit", parents=[common], help=s("grade your file for an exercise",
                                                          "evalúa tu archivo de un ejercicio"))
    x.add_argument("id", metavar="ID", help=ident)
    x.add_argument("file", nargs="?", metavar=s("FILE", "ARCHIVO"), help=s("defaults to your workspace copy",
                                             "por omisión, tu copia del espacio de trabajo"))
    x.add_argument("--json", action="store_true", help=s("print exactly one JSON object",
                                                         "imprime exactamente un objeto JSON"))
    x.add_argument("--format", choices=("text", "json", "gradescope"), default=None,
                   help=s("gradescope: print Gradescope's results.json (nothing, and exit 3, if it cannot grade)",
                          "gradescope: imprime el results.json de Gradescope (nada, y sale con 3, si no puede "
                          "calificar)"))
    x.add_argument("--device", default="auto", choices=("auto", "cpu", "gpu"))
    x.add_argument("--backend", default="tensorflow", choices=("tensorflow", "jax", "torch"),
                   help=s("Keras backend for `import keras` exercises",
                          "motor de Keras para los ejercicios con `import keras`"))
    sub.add_parser("data", parents=[common], help=s("which MNIST source is in use", "qué fuente de MNIST se usa"))
    x = sub.add_parser("quiz", parents=[common], help=s("a lesson's quiz in the plain terminal (or one question)",
                                                        "el cuestionario de una lección en la terminal (o una pregunta)"))
    x.add_argument("target", metavar=s("LESSON[/QUESTION]", "LECCIÓN[/PREGUNTA]"))
    x.add_argument("--answer", metavar=s("TEXT", "TEXTO"),
                   help=s("answer one question: exit 0 right, 1 wrong, 2 unreadable",
                          "responde una pregunta: sale con 0 si es correcta, 1 si no, 2 si no se entiende"))
    x.add_argument("--json", action="store_true", help=s("with --answer: print one JSON object",
                                                         "con --answer: imprime un objeto JSON"))
    # Instructors' commands (lesson, grade) keep English-only option help: they are not shown to learners.
    lesson = sub.add_parser("lesson", parents=[common], help=s("instructors: scaffold and check lessons",
                                                               "docentes: crear y comprobar lecciones"))
    lsub = lesson.add_subparsers(dest="lesson_command", metavar="ACTION")
    x = lsub.add_parser("new", parents=[common], help="scaffold a lesson that passes `check` at once")
    x.add_argument("slug")
    x = lsub.add_parser("check", parents=[common], help="prove lessons are sound")
    x.add_argument("ids", nargs="*")
    g = sub.add_parser("grade", parents=[common], help=s("instructors: grade a whole class",
                                                         "docentes: evaluar una clase entera"))
    g.add_argument("submissions")
    target = g.add_mutually_exclusive_group(required=True)
    target.add_argument("--exercise", action="append", metavar="ID")
    target.add_argument("--all", action="store_true")
    g.add_argument("--workers", type=int, default=2)
    g.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler, e.g. tcp://host:8786")
    g.add_argument("--gradebook", default="gradebook.sqlite3", metavar="FILE")
    g.add_argument("--export", metavar="CSV")
    g.add_argument("--feedback", metavar="DIR")
    g.add_argument("--regrade", action="store_true")
    g.add_argument("--device", default="auto", choices=("auto", "cpu", "gpu"),
                   help="gpu: TensorFlow exercises go to workers that declare a GPU resource")
    g.add_argument("--allow-unsandboxed", action="store_true",
                   help="grade even without a working bubblewrap (process limits only; every row says so)")
    g.add_argument("--export-format", choices=("long", "canvas"), default="long",
                   help="long: one row per student and exercise (default); canvas: Canvas's gradebook import")
    g.add_argument("--roster", metavar="CSV",
                   help="with --export-format canvas: folder name → Canvas's Student, ID, SIS User ID, ...")
    x = sub.add_parser("export", parents=[common], help=s("instructors: bundles for learning-management systems",
                                                          "docentes: paquetes para plataformas de cursos (LMS)"))
    xsub = x.add_subparsers(dest="export_command", metavar="FORMAT")
    e = xsub.add_parser("gradescope", parents=[common], help="Gradescope's autograder zip for these exercises")
    e.add_argument("ids", nargs="+", metavar="ID")
    e.add_argument("--output", default="autograder.zip", metavar="ZIP")
    from tutor.web.cli import add_parser as add_serve
    from tutor.batch.report_cli import add_parser as add_report

    add_serve(sub, common, lang)
    add_report(sub, common, lang)
    _describe(sub, lang)
    return p


def parse(argv: list[str]) -> argparse.Namespace:
    """Parse in the language the learner asked for; argparse's own words follow it for this parse only."""
    lang = lang_from_argv(argv)
    saved = argparse._  # type: ignore[attr-defined]
    argparse._ = argparse_words(lang)  # type: ignore[attr-defined]
    try:
        return build_parser(lang).parse_args(argv)
    finally:
        argparse._ = saved  # type: ignore[attr-defined]

"""The quiz shows each learner the choices in their own shuffled order, and checks answers by choice, not place."""
from __future__ import annotations

import sqlite3

from textual.widgets import OptionList

from tests.tui.conftest import make_app, screen_text, wait_for
from tests.tui.test_flows import SIZE, goto
from tutor.core.answers import choice_order
from tutor.tui.screens.quiz import QuizScreen
from tutor.tui.widgets.answer_input import ChoiceList


def shown(options: OptionList) -> list[str]:
    """The choices as the list draws them, without their number or tick box."""
    return [str(options.get_option_at_index(n).prompt).split(" ", 1)[1] for n in range(options.option_count)]


async def open_quiz(pilot) -> QuizScreen:
    await pilot.pause()
    await goto(pilot, "quiz:basics")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, QuizScreen))
    return pilot.app.screen


async def test_each_learner_sees_their_own_order_and_the_right_choice_is_right_wherever_it_lands(course, tmp_path):
    pick_one, pick_many = course.lessons[0].manifest.quiz[:2]
    seen: dict[str, list[list[str]]] = {}
    for seed in ("learner-2", "learner-3"):
        app = make_app(course, tmp_path / seed)
        app.store.set_state("learner-seed", seed)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_quiz(pilot)
            single = screen.query_one(OptionList)
            order = choice_order(pick_one, seed)
            assert shown(single) == [pick_one.choices.en[i] for i in order]
            single.highlighted = order.index(pick_one.answer)  # RMSProp, wherever it is on screen
            await pilot.press("enter")
            await pilot.pause()
            assert "✓ Right!" in screen_text(app)

            await pilot.press("pagedown")
            await pilot.pause()
            many = screen.query_one(ChoiceList)
            many_order = choice_order(pick_many, seed)
            assert shown(many) == [pick_many.choices.en[i] for i in many_order]
            for i in pick_many.answer:
                many.highlighted = many_order.index(i)
                await pilot.press("space")
            await pilot.press("enter")
            await pilot.pause()
            assert "✓ Right!" in screen_text(app)
            seen[seed] = [shown(single), shown(many)]
        with sqlite3.connect(tmp_path / seed / ".tutor" / "progress.sqlite3") as db:
            answers = dict(db.execute("SELECT question, answer FROM quiz_answers"))
        assert answers == {"pick-one": "1", "pick-many": "[0, 2]"}  # the choices themselves, not their places
    assert seen["learner-2"] != seen["learner-3"]  # two learners, two orders


async def test_the_order_stays_the_same_for_one_learner_across_runs_and_languages(course, tmp_path):
    app = make_app(course, tmp_path / "ws")  # no seed given: the workspace makes its own
    async with app.run_test(size=SIZE) as pilot:
        first = shown((await open_quiz(pilot)).query_one(OptionList))
        seed = app.store.learner_seed()
    app = make_app(course, tmp_path / "ws", lang="es")
    async with app.run_test(size=SIZE) as pilot:
        again = shown((await open_quiz(pilot)).query_one(OptionList))
    pick_one = course.lessons[0].manifest.quiz[0]
    order = choice_order(pick_one, seed)
    assert first == [pick_one.choices.en[i] for i in order]
    assert again == [pick_one.choices.es[i] for i in order]

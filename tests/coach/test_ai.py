"""The AI coach client against a small OpenAI-compatible server on loopback, started
by the test: good answers, and every way an answer can go wrong."""

import json
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nomentum.coach import ai, services


class FakeModel:
    def __init__(self):
        self.reply: object = {"ideas": []}
        self.status = 200
        self.delay = 0.0
        self.requests: list[dict] = []


@pytest.fixture
def llm(settings):
    model = FakeModel()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            model.requests.append(
                {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
            )
            time.sleep(model.delay)
            content = model.reply if isinstance(model.reply, str) else json.dumps(model.reply)
            payload = json.dumps(
                {"choices": [{"message": {"role": "assistant", "content": content}}]}
            ).encode()
            self.send_response(model.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.AI_BASE_URL = f"http://127.0.0.1:{server.server_port}/v1"
    settings.AI_MODEL = "test-model"
    settings.AI_KEY = "secret-key"
    settings.AI_TIMEOUT = 1
    yield model
    server.shutdown()
    server.server_close()


GOOD = {
    "ideas": [
        {
            "text": "Ask the editor of your favourite zine to read your comic",
            "tier": "stretch",
            "area": "creative",
        },
        {
            "text": "Ask a local print shop for a discount on your first run",
            "tier": "comfort",
            "area": "creative",
        },
    ]
}


def test_good_ideas_are_validated_and_returned(llm):
    llm.reply = GOOD
    answer = ai.plan_ideas(["creative"], ["judged"], "showing my comics", per_tier=3)
    assert answer.ok
    assert [i.text for i in answer.ideas] == [i["text"] for i in GOOD["ideas"]]
    [request] = llm.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer secret-key"
    assert request["body"]["model"] == "test-model"
    assert request["body"]["response_format"] == {"type": "json_object"}
    assert "showing my comics" in request["body"]["messages"][1]["content"]


def test_ideas_that_fail_the_guard_or_the_areas_are_dropped(llm):
    llm.reply = {
        "ideas": [
            *GOOD["ideas"],
            {
                "text": "Ask a stranger on the street for $20",
                "tier": "moonshot",
                "area": "creative",
            },
            {
                "text": "Ask your boss for a raise of fifty percent",
                "tier": "moonshot",
                "area": "career",
            },
        ]
    }
    answer = ai.plan_ideas(["creative"], [], "", per_tier=3)
    assert [i.text for i in answer.ideas] == [i["text"] for i in GOOD["ideas"]]


@pytest.mark.parametrize(
    ("setup", "problem"),
    [
        ({"delay": 2.0}, "took too long"),
        ({"status": 500}, "could not be reached"),
        ({"reply": "this is not json"}, "not in the expected shape"),
        (
            {"reply": {"ideas": [{"text": "short", "tier": "heroic", "area": "creative"}]}},
            "not in the expected shape",
        ),
        ({"reply": {"something": "else"}}, "not in the expected shape"),
        (
            {
                "reply": {
                    "ideas": [
                        {
                            "text": "Ask a stranger on the bus for money",
                            "tier": "comfort",
                            "area": "creative",
                        }
                    ]
                }
            },
            "did not pass our checks",
        ),
    ],
)
def test_every_failure_falls_back_with_a_reason(llm, setup, problem):
    for key, value in setup.items():
        setattr(llm, key, value)
    answer = ai.plan_ideas(["creative"], [], "", per_tier=2)
    assert not answer.ok and answer.ideas is None
    assert problem in answer.problem


def test_unreachable_server_falls_back(settings):
    settings.AI_BASE_URL = "http://127.0.0.1:9/v1"  # nothing listens on the discard port
    settings.AI_MODEL = "m"
    settings.AI_TIMEOUT = 1
    answer = ai.plan_ideas(["career"], [], "", per_tier=2)
    assert "could not be reached" in answer.problem


def test_no_request_is_made_unless_configured(llm, settings, owner):
    settings.AI_BASE_URL = ""
    plan = services.create_plan(
        owner,
        {"areas": ["career"], "fears": [], "fear_text": "", "comfort": 2, "weeks": 2, "target": 6},
        date(2026, 11, 22),
        seed=1,
    )
    assert llm.requests == []
    assert plan.source == "built-in" and plan.note == ""


def test_a_plan_uses_the_ai_ideas_when_they_come(llm, owner):
    llm.reply = GOOD
    plan = services.create_plan(
        owner,
        {
            "areas": ["creative"],
            "fears": [],
            "fear_text": "",
            "comfort": 3,
            "weeks": 4,
            "target": 28,
        },
        date(2026, 11, 22),
        seed=1,
    )
    texts = list(plan.items.values_list("text", flat=True))
    assert plan.source == "ai"
    assert all(i["text"] in texts for i in GOOD["ideas"]), texts


def test_a_plan_says_so_when_the_built_in_coach_stepped_in(llm, owner):
    llm.delay = 2.0
    plan = services.create_plan(
        owner,
        {
            "areas": ["creative"],
            "fears": [],
            "fear_text": "",
            "comfort": 2,
            "weeks": 2,
            "target": 8,
        },
        date(2026, 11, 22),
        seed=1,
    )
    assert plan.source == "built-in"
    assert plan.note == (
        "The AI coach took too long to answer. This plan comes from the built-in coach."
    )
    assert plan.items.count() == 8


def test_reflection_feedback(llm):
    llm.reply = {"feedback": "You asked nine times this week. Try one stretch ask next week."}
    answer = ai.reflection_feedback("I got 9 no's and felt less nervous by Friday.")
    assert answer.feedback.startswith("You asked nine times")
    llm.reply = {"feedback": ""}
    assert not ai.reflection_feedback("…").ok

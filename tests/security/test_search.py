"""Search answers every query string as text, never as query syntax (issue 16)."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    'mua "bán',
    "mua\x00ban",
    "\x00",
    "a AND OR NOT",
    "(",
    ")))",
    "*",
    "mua*",
    "-",
    "'; DROP TABLE x; --",
    "\\",
    "%",
    "_",
    "NEAR(",
    "{}[]",
    "\ud7ff\ufffd\U0001f600",
    "a:b",
    "^",
    "~",
    "ban+nguoi",
    " ".join(["mua"] * 300),
]


@pytest.mark.parametrize("query", HOSTILE)
def test_the_public_search_answers_every_query(client, messages, query):
    found, _other, draft = messages
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert draft.title not in response.content.decode()


def test_quotes_and_operators_are_searched_as_words(client, messages):
    found, _other, draft = messages
    for query in ['"mua ban nguoi"', 'mua "ban', "(bien gioi)", "mua* ban", "BAN\x00"]:
        body = client.get("/search/", {"q": query}).content.decode()
        assert found.title in body, query
        assert draft.title not in body


@pytest.mark.parametrize("query", HOSTILE)
def test_the_api_search_answers_every_query(client, messages, query):
    response = client.get("/api/v2/pages/", {"search": query})
    assert response.status_code == 200, response.content
    assert messages[2].title not in response.content.decode()


def test_the_api_search_finds_live_messages(client, messages):
    found, _other, draft = messages
    response = client.get("/api/v2/pages/", {"search": "mua ban nguoi"})
    assert response.status_code == 200, response.content
    titles = {item["title"] for item in response.json()["items"]}
    assert found.title in titles
    assert draft.title not in titles


def test_the_api_search_on_slogans(client):
    campaign = factories.CampaignPageFactory()
    factories.SloganFactory(
        campaign=campaign, text="Chung tay phòng, chống mua bán người"
    )
    factories.SloganFactory(campaign=campaign, text="Tích cực hưởng ứng", sort_order=2)
    response = client.get("/api/v2/slogans/", {"search": 'chung "tay'})
    assert response.status_code == 200, response.content
    assert [item["text"] for item in response.json()["items"]] == [
        "Chung tay phòng, chống mua bán người"
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"search": "mua", "search_operator": "xor"},
        {"search": "mua", "search_operator": "\x00"},
        {"unknown": "1"},
        {"order": "no_such_field"},
        {"limit": "-1"},
        {"limit": "abc"},
        {"offset": "abc"},
        {"fields": "nope"},
        {"type": "nope.Nope"},
        {"child_of": "abc"},
        {"descendant_of": "abc"},
    ],
)
def test_bad_api_parameters_are_400_with_a_message(client, messages, params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 400, response.content
    assert response.json()["message"]


def test_a_bad_search_operator_is_explained_in_vietnamese(client, messages):
    response = client.get("/api/v2/pages/", {"search": "mua", "search_operator": "x"})
    assert response.status_code == 400
    assert "phải là một trong: and, or" in response.json()["message"]

"""Alerts reach people: one mail (real aiosmtpd, STARTTLS + AUTH) and one webhook post
(real HTTP receiver) when alerts open and when they resolve, grouped per kiosk and per
site; nothing during quiet hours or maintenance; an SMTP server that is down never holds
a heartbeat up, and the mail goes out once it is back."""

from __future__ import annotations

import queue
from datetime import UTC, datetime

import pytest
import requests

from kiosk.backend.fleet.alerting import (
    Routing,
    RoutingConfigError,
    Silences,
    SmtpTarget,
    routing_from_env,
    silenced_by,
)
from kiosk.backend.fleet.model import AlertChange
from kiosk.backend.fleet.notify import AlertDispatcher, SmtpChannel, WebhookChannel
from kiosk.backend.settings import BackendSettings
from tests.backend.fleet.helpers import FakeClock, T, healthy, post
from tests.backend.fleet.peers import PASSWORD, USER, http_receiver, self_signed, smtp_server
from tests.backend.harness import free_port, threaded_backend
from tests.sync.helpers import wait_until

WINDOW_S = 0.4


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    return self_signed(tmp_path_factory.mktemp("smtp-tls"))


def _target(port: int, cafile, to: str = "it@brussels.test,oncall@brussels.test") -> SmtpTarget:
    url = f"smtp://{USER}:{PASSWORD}@127.0.0.1:{port}?starttls=1&cafile={cafile}&timeout=5"
    return SmtpTarget.from_url(url, to, "fleet@brussels.test")


def _routing(smtp: SmtpTarget | None = None, webhook: str | None = None) -> Routing:
    return Routing(smtp=smtp, webhook_url=webhook, group_window_s=WINDOW_S,
                   retry_first_s=0.1, retry_max_s=0.5)


def test_the_scenario_mails_once_on_open_and_once_on_resolve(tmp_path, tls_files):
    cert, key = tls_files
    port = free_port()
    db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    clock = FakeClock(datetime.now(UTC).replace(microsecond=0))
    with smtp_server(cert, key, port) as mailbox, http_receiver() as hook:
        settings = BackendSettings(
            db_url=db_url, clock=clock, alert_routing=_routing(_target(port, cert), hook.url)
        )
        with threaded_backend(db_url, settings, lifespan="on") as backend:
            kiosk_id, token = backend.device(site="laeken", kiosk_id="laeken-01")
            broken = healthy(
                kiosk_id,
                disk_free_bytes=10_000_000,
                devices={
                    "card_terminal": {"online": False, "error": "no answer"},
                    "cash": {"error": "note jammed in the path"},
                    "eid_reader": {"present": False},
                },
            )
            assert len(post(backend.url, token, broken).json()["open_alerts"]) == 4
            mail = mailbox.next()
            assert mail["Subject"] == "[kiosk fleet] CRITICAL laeken-01 (laeken): 4 opened"
            assert mail["To"] == "it@brussels.test, oncall@brussels.test"
            assert mail["From"] == "fleet@brussels.test"
            text = mail.get_payload()
            for rule in ("terminal_offline", "cash_jammed", "reader_missing", "disk_low"):
                assert f"laeken-01  {rule}:" in text
            assert "10 MB free" in text
            opened = hook.posts.get(timeout=T)
            assert opened["scope"] == "kiosk" and opened["target"] == "laeken-01"
            assert sorted(c["rule"] for c in opened["changes"]) == [
                "cash_jammed", "disk_low", "reader_missing", "terminal_offline"]
            assert {c["kind"] for c in opened["changes"]} == {"opened"}
            # Still broken: nothing new to say.
            clock.advance(30)
            post(backend.url, token, broken)
            assert mailbox.nothing_within(WINDOW_S * 3)
            clock.advance(30)
            assert post(backend.url, token, healthy(kiosk_id)).json()["resolved_alerts"]
            resolved = mailbox.next()
            assert resolved["Subject"] == "[kiosk fleet] laeken-01 (laeken): 4 resolved"
            assert hook.posts.get(timeout=T)["changes"][0]["kind"] == "resolved"
            assert mailbox.logins == [USER, USER]
            assert mailbox.nothing_within(WINDOW_S * 2) and hook.posts.empty()


def test_a_site_whose_network_drops_gets_one_message(tls_files):
    cert, key = tls_files
    port = free_port()
    now = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
    with smtp_server(cert, key, port) as mailbox:
        dispatcher = AlertDispatcher(_routing(_target(port, cert)),
                                     [SmtpChannel(_target(port, cert))])
        try:
            for i in range(5):
                dispatcher.submit([AlertChange("opened", f"anderlecht-0{i}", "anderlecht",
                                               "offline", "critical", "no heartbeat", now)])
            dispatcher.submit([AlertChange("opened", "laeken-01", "laeken", "paper_out",
                                           "critical", "the printer is out of paper", now)])
            mails = [mailbox.next(), mailbox.next()]
            subjects = sorted(m["Subject"] for m in mails)
            assert subjects == [
                "[kiosk fleet] CRITICAL laeken-01 (laeken): 1 opened",
                "[kiosk fleet] CRITICAL site anderlecht: 5 kiosks, 5 opened",
            ]
            assert mailbox.nothing_within(WINDOW_S * 2)
        finally:
            dispatcher.close()


def test_a_site_whose_kiosks_fall_silent_a_moment_apart_still_gets_one_message(tls_files):
    """The first kiosk's group is due before the others': they go with it, not after."""
    cert, key = tls_files
    port = free_port()
    now = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
    monotonic = [100.0]
    with smtp_server(cert, key, port) as mailbox:
        dispatcher = AlertDispatcher(_routing(_target(port, cert)),
                                     [SmtpChannel(_target(port, cert))],
                                     monotonic=lambda: monotonic[0])

        def silent(i: int) -> None:
            dispatcher.submit([AlertChange("opened", f"anderlecht-0{i}", "anderlecht",
                                           "offline", "critical", "no heartbeat", now)])

        try:
            silent(0)
            wait_until(lambda: dispatcher.waiting() == {"anderlecht-00": 1}, T, "first group")
            monotonic[0] += WINDOW_S * 0.75
            for i in range(1, 5):
                silent(i)
            wait_until(lambda: len(dispatcher.waiting()) == 5, T, "the other kiosks' groups")
            monotonic[0] += WINDOW_S * 0.5  # the first group is due, the others are not
            mail = mailbox.next()
            assert mail["Subject"] == "[kiosk fleet] CRITICAL site anderlecht: 5 kiosks, 5 opened"
            assert dispatcher.waiting() == {}
            monotonic[0] += WINDOW_S * 2
            assert mailbox.nothing_within(WINDOW_S * 2)
        finally:
            dispatcher.close()


def test_nothing_is_sent_in_quiet_hours_or_maintenance():
    silences = Silences.model_validate({
        "quiet_hours": [{"scope": "site", "target": "haren", "start": "22:00", "end": "07:00"}],
        "maintenance": [{"scope": "kiosk", "target": "laeken-01",
                         "start": "2026-03-03T08:00:00+01:00", "end": "2026-03-03T12:00:00+01:00",
                         "reason": "printer swap"}],
    })
    night = datetime(2026, 3, 3, 23, 30, tzinfo=UTC)  # 00:30 in Brussels
    morning = datetime(2026, 3, 3, 7, 30, tzinfo=UTC)  # 08:30 in Brussels
    assert silenced_by(silences, "haren-01", "haren", night).startswith("quiet hours 22:00")
    assert silenced_by(silences, "haren-01", "haren", morning) is None
    assert silenced_by(silences, "laeken-01", "laeken", morning).startswith("maintenance")
    assert silenced_by(silences, "laeken-02", "laeken", morning) is None
    assert silenced_by(silences, "laeken-01", "laeken", night) is None
    with http_receiver() as hook:
        dispatcher = AlertDispatcher(
            _routing(webhook=hook.url), [WebhookChannel(hook.url)],
            silencer=lambda kiosk, site, at: silenced_by(silences, kiosk, site, at),
        )
        try:
            dispatcher.submit([
                AlertChange("opened", "haren-01", "haren", "offline", "critical", "x", night),
                AlertChange("opened", "laeken-01", "laeken", "paper_out", "critical", "x",
                            morning),
                AlertChange("opened", "laeken-02", "laeken", "paper_out", "critical", "x",
                            morning),
            ])
            got = hook.posts.get(timeout=T)
            assert got["target"] == "laeken-02"
            with pytest.raises(queue.Empty):
                hook.posts.get(timeout=WINDOW_S * 3)
            assert dispatcher.silenced == 2
        finally:
            dispatcher.close()


def test_silences_are_set_by_central_it_and_refused_when_wrong(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    with threaded_backend(db_url) as backend:
        admin = {"Authorization": f"Bearer {backend.admin}"}
        body = {"maintenance": [{"scope": "site", "target": "haren",
                                 "start": "2026-03-03T08:00:00+01:00",
                                 "end": "2026-03-03T07:00:00+01:00"}]}
        url = f"{backend.url}/api/v1/admin/fleet-silences"
        r = requests.put(url, json=body, headers=admin, timeout=T)
        assert r.status_code == 409 and "maintenance[0]: end must be after start" in r.text
        body["maintenance"][0]["end"] = "2026-03-03T18:00:00+01:00"
        body["quiet_hours"] = [{"scope": "kiosk", "target": "haren-01",
                                "start": "21:00", "end": "06:30"}]
        assert requests.put(url, json=body, headers=admin, timeout=T).status_code == 200
        got = requests.get(url, headers=admin, timeout=T).json()
        assert got["quiet_hours"][0]["end"] == "06:30"
        assert got["maintenance"][0]["target"] == "haren"


def test_smtp_down_never_holds_up_heartbeats_and_the_mail_follows(tmp_path, tls_files):
    cert, key = tls_files
    port = free_port()  # nothing listens yet
    db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    settings = BackendSettings(db_url=db_url, alert_routing=_routing(_target(port, cert)))
    with threaded_backend(db_url, settings, lifespan="on") as backend:
        kiosk_id, token = backend.device(site="haren", kiosk_id="haren-01")
        for _ in range(3):
            r = post(backend.url, token,
                     healthy(kiosk_id, devices={"printer": {"paper": "out"}}))
            assert r.status_code == 200 and r.json()["open_alerts"] == ["paper_out"]
        with smtp_server(cert, key, port) as mailbox:
            mail = mailbox.next(timeout_s=20)  # retried with backoff until it is up
            assert mail["Subject"] == "[kiosk fleet] CRITICAL haren-01 (haren): 1 opened"


def test_the_webhook_is_retried_with_backoff():
    now = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
    with http_receiver(refuse_first=2) as hook:
        dispatcher = AlertDispatcher(_routing(webhook=hook.url), [WebhookChannel(hook.url)])
        try:
            dispatcher.submit([AlertChange("resolved", "ixelles-01", "ixelles", "paper_out",
                                           "critical", "out of paper", now)])
            got = hook.posts.get(timeout=T)
            assert got["changes"][0]["kind"] == "resolved"
            dispatcher.close()  # joins the worker: its counters are final
            assert dispatcher.failed_attempts == 2 and len(hook.refused) == 2
            assert dispatcher.sent == 1
        finally:
            dispatcher.close()


def test_routing_configuration_errors_name_the_variable():
    ok = routing_from_env({
        "KIOSK_BACKEND_ALERT_SMTP": "smtp://relay.example:587?starttls=1",
        "KIOSK_BACKEND_ALERT_TO": "a@x.example, b@y.example",
        "KIOSK_BACKEND_ALERT_WEBHOOK": "https://tickets.example/hook",
    })
    assert ok.smtp is not None and ok.smtp.port == 587 and ok.smtp.starttls
    assert ok.smtp.to == ("a@x.example", "b@y.example") and ok.enabled
    assert "password" not in SmtpTarget.from_url(
        "smtp://u:password@h:25", "a@b").describe()
    assert not routing_from_env({}).enabled
    for env, where in (
        ({"KIOSK_BACKEND_ALERT_SMTP": "smtp://h:25"}, "KIOSK_BACKEND_ALERT_TO"),
        ({"KIOSK_BACKEND_ALERT_SMTP": "http://h:25", "KIOSK_BACKEND_ALERT_TO": "a@b"},
         "KIOSK_BACKEND_ALERT_SMTP"),
        ({"KIOSK_BACKEND_ALERT_SMTP": "smtp://h:25?tls=2", "KIOSK_BACKEND_ALERT_TO": "a@b"},
         "unknown option"),
        ({"KIOSK_BACKEND_ALERT_TO": "a@b"}, "KIOSK_BACKEND_ALERT_SMTP is not"),
        ({"KIOSK_BACKEND_ALERT_WEBHOOK": "ftp://x"}, "KIOSK_BACKEND_ALERT_WEBHOOK"),
    ):
        with pytest.raises(RoutingConfigError, match=where):
            routing_from_env(env)



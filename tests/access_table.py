# ruff: noqa: E501 (one row a line, aligned in columns, is what makes the table readable)
"""Who may do what: one row per URL of the URL configuration, walked by tests/test_url_access.py.

HOW TO ADD A ROW (every new URL needs one, or tests/test_url_access.py fails and names it):

1. Find the section of your app below (or start one, sorted by URL name) and add
       GET("namespace:name",  anonymous, tenant A, tenant B, caretaker, contractor, officer, manager),
   with the answer each of the seven people must get (see ANSWERS below). Objects belong to
   tenant A (Alice) unless the row says otherwise: tenant B and everyone else who may not see
   them answer NOT_FOUND, like an object that does not exist.
2. If the URL takes arguments, add `args="a name"`: a named set of arguments made in
   tests/access_world.py (ARGUMENTS). Reuse one (`alice_request`, `alice_photo`, …) or add
   yours there, built from the personas of tests/personas.py.
3. If the URL changes something on POST, add a POST row too, with `data=` the body that makes
   it act: the people marked ACTS must change something with it; every other answer is checked
   to change nothing in the database.
4. `uv run pytest tests/test_url_access.py -q`. A row for a URL that no longer exists fails too.

A name may be a pattern (`admin:*`): it covers every URL it matches that has no row of its own.
Unnamed URLs are known by namespace and route (e.g. `admin:admin/estate/site/<path:object_id>/`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Answer:
    """What a person gets: a status (redirects are told apart by where they lead)."""

    label: str
    status: int | None = None  # None for ACTS and ADMITTED, which are judged otherwise


OK = Answer("OK", 200)
LOGIN = Answer("LOGIN", 302)  # sent to sign in first
ADMIN_LOGIN = Answer("ADMIN_LOGIN", 302)  # sent to the admin's sign-in page
REDIRECT = Answer("REDIRECT", 302)  # sent to another page, never a sign-in
BAD_REQUEST = Answer("BAD_REQUEST", 400)
UNAUTHORIZED = Answer("UNAUTHORIZED", 401)  # asked for credentials of its own (a token)
FORBIDDEN = Answer("FORBIDDEN", 403)  # refused for a reason other than who asks (signature)
NOT_FOUND = Answer("NOT_FOUND", 404)  # "missing" and "not yours" look the same
NOT_ALLOWED = Answer("NOT_ALLOWED", 405)  # the method (a GET on a POST-only action)
REFUSED = Answer("REFUSED", 409)  # allowed to ask, but not in this state (nothing changes)
ACTS = Answer("ACTS")  # POST only: it changes something, and the answer is not an error
ADMITTED = Answer("ADMITTED")  # the admin lets them in: no sign-in page (what it shows is Django's)
SERVER_ERROR = Answer("SERVER_ERROR", 500)  # a known defect, written down until it is fixed

# In a POST row's data: a real photo is uploaded in its place.
A_JPEG = "<a JPEG photo>"

ANSWERS = {a.label: a for a in (OK, LOGIN, ADMIN_LOGIN, REDIRECT, BAD_REQUEST, UNAUTHORIZED, FORBIDDEN,
                                NOT_FOUND, NOT_ALLOWED, REFUSED, ACTS, ADMITTED, SERVER_ERROR)}  # fmt: skip

# The seven people, in the order of the columns.
ROLES = ("anonymous", "tenant_a", "tenant_b", "caretaker", "contractor", "officer", "manager")


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    answers: dict[str, Answer]
    args: str = ""
    query: str = ""
    data: dict = field(default_factory=dict)


def GET(name: str, *answers: Answer, args: str = "", query: str = "") -> Row:
    return Row(name, "get", dict(zip(ROLES, answers, strict=True)), args, query)


def POST(name: str, *answers: Answer, args: str = "", data: dict | None = None) -> Row:
    return Row(name, "post", dict(zip(ROLES, answers, strict=True)), args, data=data or {})


_ = NOT_FOUND  # short for the many "not yours" cells

# fmt: off
TABLE = [
    #   URL name                             anonymous    tenant A     tenant B     caretaker    contractor   officer      manager

    # --- core: health and the landing page ----------------------------------------------------------------------------
    GET("healthz",                           OK,          OK,          OK,          OK,          OK,          OK,          OK),
    GET("healthz-worker",                    OK,          OK,          OK,          OK,          OK,          OK,          OK),
    GET("core:home",                         LOGIN,       REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT),
    GET("set_language",                      REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT),

    # --- accounts: sign-in, sign-up, password reset -------------------------------------------------------------------
    GET("accounts:login",                    OK,          REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT),
    GET("accounts:logout",                   NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    POST("accounts:logout",                  LOGIN,       LOGIN,       LOGIN,       LOGIN,       LOGIN,       LOGIN,       LOGIN),
    # the staff's second factor: tenants, caretakers and contractors have none (NOT_FOUND); verified staff are sent on
    GET("accounts:second_factor",            LOGIN,       NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   REDIRECT,    REDIRECT),
    POST("accounts:second_factor",           LOGIN,       NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   REDIRECT,    REDIRECT, data={"code": "000000"}),
    GET("accounts:second_factor_enrol",      LOGIN,       NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   REDIRECT,    REDIRECT),
    POST("accounts:second_factor_enrol",     LOGIN,       NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   REDIRECT,    REDIRECT, data={"code": "000000"}),
    GET("accounts:second_factor_codes",      LOGIN,       NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   OK,          OK),
    # new recovery codes are django-otp's rows, outside the fingerprint of agir's tables: seen as a redirect here,
    # tested in tests/test_second_factor.py
    POST("accounts:second_factor_codes",     LOGIN,       NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   REDIRECT,    REDIRECT),
    GET("accounts:signup",                   OK,          REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT),
    GET("accounts:signup-link",              REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT, args="signup_link"),
    GET("accounts:signup-identifier",        REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT),
    GET("accounts:signup-password",          REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT),
    GET("accounts:password_reset",           OK,          OK,          OK,          OK,          OK,          OK,          OK),
    GET("accounts:password_reset_done",      OK,          OK,          OK,          OK,          OK,          OK,          OK),
    GET("accounts:password_reset_confirm",   REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT, args="alice_password_reset"),
    GET("accounts:password_reset_complete",  OK,          OK,          OK,          OK,          OK,          OK,          OK),

    # --- api ----------------------------------------------------------------------------------------------------------
    GET("api:catalogue-suggest",             OK,          OK,          OK,          OK,          OK,          OK,          OK, query="q=fuite"),
    # A whole message is POSTed as JSON (tests/test_api_suggest.py); a form is bad input.
    GET("api:catalogue-message",             NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    POST("api:catalogue-message",            BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, data={"q": "fuite"}),
    GET("api_home",                          REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT),
    GET("api:api-root",                      REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT),  # shadowed by api_home
    GET("api:openapi-json",                  OK,          OK,          OK,          OK,          OK,          OK,          OK),
    GET("api:openapi-view",                  OK,          OK,          OK,          OK,          OK,          OK,          OK),
    # Operations with a token: a person's session is no token (integrations only).
    GET("api:me",                            UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED),
    GET("api:rounds-sync",                   NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    # the phone sends JSON (tests/rounds/test_api.py); a form body is not a batch
    POST("api:rounds-sync",                  UNAUTHORIZED, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST,
         data={"items": "[]"}),
    GET("api:drop_file",                     NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, args="exchange_inbox_file"),
    POST("api:drop_file",                    UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, args="exchange_inbox_file"),
    GET("api:list_runs",                     UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED),
    GET("api:list_outbox",                   UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED),
    GET("api:get_outbox_file",               UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, args="exchange_outbox_file"),
    # Requests, events and the estate for integrations: a token only (tests/test_api_integrations.py).
    GET("api:list_requests",                  UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED),
    GET("api:get_request",                    UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, args="api_alice_request"),
    GET("api:list_request_events",            UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, args="api_alice_request"),
    GET("api:list_events",                    UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED),
    GET("api:list_sites",                     UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED),
    GET("api:get_site",                       UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, args="estate_site"),
    GET("api:list_buildings",                 UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED),
    GET("api:get_building",                   UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, args="sector_building"),
    GET("api:list_dwellings",                 UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED),
    GET("api:get_dwelling",                   UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, args="alice_dwelling"),

    # --- backoffice: officers and managers ----------------------------------------------------------------------------
    GET("backoffice:requests",               LOGIN,       _,           _,           _,           _,           OK,          OK),
    GET("backoffice:inbox_save_view",        LOGIN,       _,           _,           _,           _,           NOT_ALLOWED, NOT_ALLOWED),
    POST("backoffice:inbox_save_view",       LOGIN,       _,           _,           _,           _,           ACTS,        ACTS, data={"name": "Vue", "query": "urgency=urgent"}),
    GET("backoffice:inbox_delete_view",      LOGIN,       _,           _,           _,           _,           NOT_ALLOWED, NOT_ALLOWED, args="officer_view"),
    POST("backoffice:inbox_delete_view",     LOGIN,       _,           _,           _,           _,           ACTS,        _, args="officer_view"),
    GET("backoffice:request",                LOGIN,       _,           _,           _,           _,           OK,          OK, args="alice_request"),
    GET("backoffice:request_action",         LOGIN,       _,           _,           _,           _,           NOT_ALLOWED, NOT_ALLOWED, args="alice_request_comment"),
    POST("backoffice:request_action",        LOGIN,       _,           _,           _,           _,           ACTS,        ACTS, args="alice_request_comment",
         data={"comment-message": "Le technicien passe jeudi.", "comment-public": "on"}),
    # The request page's actions (agir/backoffice/request_page): a caretaker cannot reject.
    POST("backoffice:request_action",        LOGIN,       _,           _,           _,           _,           ACTS,        ACTS, args="alice_request_reject",
         data={"reject-reason": "Demande en double."}),
    POST("backoffice:request_action",        LOGIN,       _,           _,           _,           _,           ACTS,        ACTS, args="alice_request_note",
         data={"note-message": "Locataire absente le matin."}),
    POST("backoffice:request_action",        LOGIN,       _,           _,           _,           _,           ACTS,        ACTS, args="alice_request_acknowledge",
         data={"acknowledge-responsibility": "assess", "acknowledge-urgency": "urgent"}),
    GET("backoffice:canned_answers",         LOGIN,       _,           _,           _,           _,           _,           OK),
    GET("backoffice:canned_answer_new",      LOGIN,       _,           _,           _,           _,           _,           OK),
    POST("backoffice:canned_answer_new",     LOGIN,       _,           _,           _,           _,           _,           ACTS,
         data={"title": "Devis demandé", "body": "Nous avons demandé un devis.", "active": "on"}),
    GET("backoffice:canned_answer_text",     LOGIN,       _,           _,           _,           _,           OK,          OK, query="answer-canned=1"),
    GET("backoffice:canned_answer",          LOGIN,       _,           _,           _,           _,           _,           OK, args="canned_answer"),
    POST("backoffice:canned_answer",         LOGIN,       _,           _,           _,           _,           _,           ACTS, args="canned_answer",
         data={"title": "Passage prévu", "body": "Le technicien passera.", "active": "on"}),
    # the place field's suggestions as an officer types (inbox filter, notices): staff only
    GET("backoffice:place_suggestions",      LOGIN,       _,           _,           _,           _,           OK,          OK, query="place=B"),
    GET("backoffice:phone_entry",            LOGIN,       _,           _,           _,           _,           OK,          OK, query="q=Benali"),
    GET("backoffice:phone_entry_tenant",     LOGIN,       _,           _,           _,           _,           OK,          OK, args="alice_phone_entry", query="q=fuite"),
    POST("backoffice:phone_entry_tenant",    LOGIN,       _,           _,           _,           _,           ACTS,        ACTS, args="alice_phone_entry",
         data={"choice": "kitchen|KIT-SINK-LEAK", "origin": "phone", "key": "5b0e8f9e-2c1d-4a4b-9d7e-3f6a1c2b8e01"}),
    GET("backoffice:request_photo",          LOGIN,       _,           _,           _,           _,           OK,          OK, args="alice_photo"),
    GET("backoffice:request_photo_thumbnail", LOGIN,      _,           _,           _,           _,           OK,          OK, args="alice_photo"),

    # --- notices: building notices posted by officers and managers (agir/notices) ------------------------------------
    GET("backoffice_notices:notices",        LOGIN,       _,           _,           _,           _,           OK,          OK),
    POST("backoffice_notices:notices",       LOGIN,       _,           _,           _,           _,           ACTS,        ACTS,
         data={"text": "Ascenseur en panne, intervention prévue le 12", "scope": "site", "place": "<the site's code>", "ends_on": "<next week>"}),
    GET("backoffice_notices:end",            LOGIN,       _,           _,           _,           _,           NOT_ALLOWED, NOT_ALLOWED, args="notice"),
    POST("backoffice_notices:end",           LOGIN,       _,           _,           _,           _,           ACTS,        ACTS, args="notice"),

    # --- exchange: the runs with the ERP, for managers -----------------------------------------------------------------
    GET("exchange_staff:runs",               LOGIN,       _,           _,           _,           _,           _,           OK),
    GET("exchange_staff:run",                LOGIN,       _,           _,           _,           _,           _,           OK, args="exchange_run"),

    # --- quality: the managers' dashboard, exports, review pack, corrective actions, personal data --------------------
    GET("quality_staff:dashboard",           LOGIN,       _,           _,           _,           _,           _,           OK),
    GET("quality_staff:export",              LOGIN,       _,           _,           _,           _,           _,           OK, args="quality_table_csv"),
    GET("quality_staff:review_pack",         LOGIN,       _,           _,           _,           _,           _,           OK, query="month=2026-10"),
    GET("quality_staff:actions",             LOGIN,       _,           _,           _,           _,           _,           OK),
    POST("quality_staff:actions",            LOGIN,       _,           _,           _,           _,           _,           ACTS,
         data={"finding": "Retards au Clos Fleuri.", "action": "Point mensuel avec le prestataire.", "owner": "Direction", "due_date": "2026-12-31"}),
    GET("quality_staff:action",              LOGIN,       _,           _,           _,           _,           _,           OK, args="quality_action"),
    POST("quality_staff:action",             LOGIN,       _,           _,           _,           _,           _,           ACTS, args="quality_action",
         data={"finding": "Retards.", "action": "Point mensuel.", "owner": "Direction", "due_date": "2026-12-31", "closed": "on"}),
    GET("quality_staff:retention",           LOGIN,       _,           _,           _,           _,           _,           OK),
    POST("quality_staff:retention",          LOGIN,       _,           _,           _,           _,           _,           ACTS,
         data={"request_years": "4", "photo_days": "400", "access_log_months": "12"}),
    GET("quality_staff:anonymise",           LOGIN,       _,           _,           _,           _,           _,           NOT_ALLOWED),
    POST("quality_staff:anonymise",          LOGIN,       _,           _,           _,           _,           _,           REDIRECT),
    GET("quality_staff:access_log",          LOGIN,       _,           _,           _,           _,           _,           OK),
    GET("quality_portal:my_data",            LOGIN,       OK,          OK,          _,           _,           _,           _),
    GET("quality_portal:archive",            LOGIN,       OK,          OK,          _,           _,           _,           _),

    # --- notify: the staff's letters, voice messages, print batches and demo mailbox ----------------------------------
    GET("notify_staff:letter_pdf",           LOGIN,       _,           _,           _,           _,           OK,          OK, args="letter"),
    GET("notify_staff:mailbox",              LOGIN,       _,           _,           _,           _,           OK,          OK),
    GET("notify_staff:mailbox_message",      LOGIN,       _,           _,           _,           _,           OK,          OK, args="mailbox_message"),
    GET("notify_staff:print_batch_file",     LOGIN,       _,           _,           _,           _,           OK,          OK, args="print_batch_pdf"),
    GET("notify_staff:print_batches",        LOGIN,       _,           _,           _,           _,           OK,          OK),
    GET("notify_staff:voice_audio",          LOGIN,       _,           _,           _,           _,           OK,          OK, args="voice"),

    # --- notify: delivery reports from gateways (signed, whoever sends them) and the audio a call API plays -----------
    GET("notify:signed_audio",               OK,          OK,          OK,          OK,          OK,          OK,          OK, args="signed_audio"),
    GET("notify:sms_report",                 NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    POST("notify:sms_report",                FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN, data={"status": "delivered"}),
    GET("notify:twilio_report",              NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    POST("notify:twilio_report",             FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN, data={"MessageStatus": "delivered"}),
    GET("notify:voice_report",               NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    POST("notify:voice_report",              FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN, data={"status": "delivered"}),

    # --- open311: public GeoReport v2; posting needs a client's key (none of these people has one) ------------------
    GET("open311:discovery",                 OK,          OK,          OK,          OK,          OK,          OK,          OK, args="open311_json"),
    GET("open311:services",                  OK,          OK,          OK,          OK,          OK,          OK,          OK, args="open311_json"),
    GET("open311:service",                   OK,          OK,          OK,          OK,          OK,          OK,          OK, args="open311_service"),
    GET("open311:requests",                  OK,          OK,          OK,          OK,          OK,          OK,          OK, args="open311_json"),
    POST("open311:requests",                 FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN,   FORBIDDEN, args="open311_json",
         data={"service_code": "LIFT-CAR-NOT_WORKING", "address_string": "rue des Acacias"}),
    GET("open311:request",                   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND, args="open311_alice_request"),
    GET("open311:token",                     NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND, args="open311_alice_token"),
    GET("open311:not_found",                 NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   NOT_FOUND),
    # --- rounds: the caretaker's phone (the personas' building is the caretaker's sector) -----------------------------
    GET("rounds:home",                       LOGIN,       _,           _,           OK,          _,           _,           _),
    GET("rounds:search",                     LOGIN,       _,           _,           OK,          _,           _,           _, query="q=Benali"),
    GET("rounds:building",                   LOGIN,       _,           _,           OK,          _,           _,           _, args="sector_building"),
    GET("rounds:building_requests",          LOGIN,       _,           _,           OK,          _,           _,           _, args="sector_building"),
    GET("rounds:entrance",                   LOGIN,       _,           _,           OK,          _,           _,           _, args="sector_entrance"),
    GET("rounds:dwelling",                   LOGIN,       _,           _,           OK,          _,           _,           _, args="alice_dwelling"),
    GET("rounds:request",                    LOGIN,       _,           _,           OK,          _,           _,           _, args="alice_request"),
    GET("rounds:request_action",             NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, args="alice_request_observe"),
    POST("rounds:request_action",            LOGIN,       _,           _,           ACTS,        _,           _,           _, args="alice_request_observe",
         data={"message": "Fuite visible sous l'évier."}),
    GET("rounds:new_request",                LOGIN,       _,           _,           OK,          _,           _,           _),
    POST("rounds:new_request",               LOGIN,       _,           _,           ACTS,        _,           _,           _,
         data={"lieu": "<the lift>", "probleme": "LIFT-CAR-NOT_WORKING", "description": "Bloqué au 2e."}),
    GET("rounds:rounds",                     LOGIN,       _,           _,           OK,          _,           _,           _),
    GET("rounds:round",                      LOGIN,       _,           _,           OK,          _,           _,           _, args="sector_building"),
    GET("rounds:round_check",                NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, args="sector_building"),
    POST("rounds:round_check",               LOGIN,       _,           _,           ACTS,        _,           _,           _, args="sector_building",
         data={"point": "doors", "lieu": "<the hall>", "ok": "1"}),
    GET("rounds:qr_sheet",                   LOGIN,       _,           _,           OK,          _,           _,           _),
    GET("rounds:queue",                      LOGIN,       _,           _,           OK,          _,           _,           _),
    GET("rounds:data",                       LOGIN,       _,           _,           OK,          _,           _,           _),
    # the service worker and the manifest hold nothing personal: the browser fetches them as it likes
    GET("rounds:service_worker",             OK,          OK,          OK,          OK,          OK,          OK,          OK),
    GET("rounds:manifest",                   OK,          OK,          OK,          OK,          OK,          OK,          OK),

    # --- portal: the tenant's pages (tenant A's objects) --------------------------------------------------------------
    GET("portal:home",                       LOGIN,       OK,          OK,          _,           _,           _,           _),
    GET("portal:requests",                   LOGIN,       OK,          OK,          _,           _,           _,           _),
    GET("portal:request",                    LOGIN,       OK,          _,           _,           _,           _,           _, args="alice_request"),
    GET("portal:request_message",            LOGIN,       NOT_ALLOWED, NOT_ALLOWED,           _,           _,           _,           _, args="alice_request"),
    POST("portal:request_message",           LOGIN,       ACTS,        _,           _,           _,           _,           _, args="alice_request",
         data={"message": "Le digicode est 1234."}),
    GET("portal:request_add_photo",          LOGIN,       NOT_ALLOWED, NOT_ALLOWED,           _,           _,           _,           _, args="alice_request"),
    POST("portal:request_add_photo",         LOGIN,       ACTS,        _,           _,           _,           _,           _, args="alice_request",
         data={"photo": A_JPEG}),
    GET("portal:request_photo",              LOGIN,       OK,          _,           _,           _,           _,           _, args="alice_photo"),
    GET("portal:request_photo_thumbnail",    LOGIN,       OK,          _,           _,           _,           _,           _, args="alice_photo"),
    # A quote for a repair tenant A pays (agir/quotes): tenant B can neither see nor answer it.
    GET("quotes:accept",                     LOGIN,       NOT_ALLOWED, NOT_ALLOWED, _,           _,           _,           _, args="alice_quote"),
    POST("quotes:accept",                    LOGIN,       ACTS,        _,           _,           _,           _,           _, args="alice_quote"),
    GET("quotes:refuse",                     LOGIN,       NOT_ALLOWED, NOT_ALLOWED, _,           _,           _,           _, args="alice_quote"),
    POST("quotes:refuse",                    LOGIN,       ACTS,        _,           _,           _,           _,           _, args="alice_quote",
         data={"reason": "Je le ferai moi-même."}),
    GET("portal:request_cancel",             LOGIN,       OK,          _,           _,           _,           _,           _, args="alice_request"),
    POST("portal:request_cancel",            LOGIN,       ACTS,        _,           _,           _,           _,           _, args="alice_request",
         data={"reason": "Mon voisin a réparé."}),
    GET("portal:request_reopen",             LOGIN,       OK,          _,           _,           _,           _,           _, args="alice_done_request"),
    POST("portal:request_reopen",            LOGIN,       ACTS,        _,           _,           _,           _,           _, args="alice_done_request",
         data={"reason": "Ça fuit encore sous l'évier."}),
    GET("portal:request_survey",             LOGIN,       OK,          _,           _,           _,           _,           _, args="alice_closed_request"),
    POST("portal:request_survey",            LOGIN,       ACTS,        _,           _,           _,           _,           _, args="alice_closed_request",
         data={"score": "4", "comment": "Rapide."}),
    GET("portal:messages",                   LOGIN,       OK,          OK,          _,           _,           _,           _),
    GET("portal:message",                    LOGIN,       OK,          _,           _,           _,           _,           _, args="alice_message"),
    GET("portal:preferences",                LOGIN,       OK,          OK,          _,           _,           _,           _),
    POST("portal:preferences",               LOGIN,       ACTS,        ACTS,        _,           _,           _,           _,
         data={"use_letter": "on", "rank_letter": "1", "rank_email": "2", "rank_sms": "3", "rank_voice": "4"}),

    # --- portal: the guided entry (tenant A's wizard, kept in her session; in another's it has expired) ---------------
    GET("portal:wizard_start",               LOGIN,       REDIRECT,    REDIRECT,    _,           _,           _,           _),
    GET("portal:wizard_where",               LOGIN,       OK,          REDIRECT,    _,           _,           _,           _, args="alice_wizard"),
    GET("portal:wizard_what",                LOGIN,       OK,          REDIRECT,    _,           _,           _,           _, args="alice_wizard_kitchen"),
    GET("portal:wizard_symptom",             LOGIN,       OK,          REDIRECT,    _,           _,           _,           _, args="alice_wizard_sink"),
    GET("portal:wizard_choose",              LOGIN,       REDIRECT,    REDIRECT,    _,           _,           _,           _, args="alice_wizard_sink_leak"),
    GET("portal:wizard_other",               LOGIN,       REDIRECT,    REDIRECT,    _,           _,           _,           _, args="alice_wizard_sink"),
    GET("portal:wizard_emergency",           LOGIN,       REDIRECT,    REDIRECT,    _,           _,           _,           _, args="alice_wizard"),
    GET("portal:wizard_duplicate",           LOGIN,       REDIRECT,    REDIRECT,    _,           _,           _,           _, args="alice_wizard"),
    GET("portal:wizard_joined",              LOGIN,       REDIRECT,    REDIRECT,    _,           _,           _,           _, args="alice_wizard"),
    GET("portal:wizard_details",             LOGIN,       OK,          REDIRECT,    _,           _,           _,           _, args="alice_wizard"),
    GET("portal:wizard_review",              LOGIN,       OK,          REDIRECT,    _,           _,           _,           _, args="alice_wizard"),
    POST("portal:wizard_review",             LOGIN,       ACTS,        REDIRECT,    _,           _,           _,           _, args="alice_wizard",
         data={"accept_charge": "on"}),
    GET("portal:wizard_done",                LOGIN,       REDIRECT,    REDIRECT,    _,           _,           _,           _, args="alice_wizard"),
    GET("portal:wizard_search",              LOGIN,       OK,          REDIRECT,    _,           _,           _,           _, args="alice_wizard", query="q=fuite"),

    # --- works: work orders (the officer's, the contractor's own, through a signed link, the caretaker's own) -----------
    GET("works:orders",                      LOGIN,       _,           _,           _,           _,           OK,          OK),
    GET("works:order_new",                   LOGIN,       _,           _,           _,           _,           OK,          OK, args="to_order_request"),
    # a caretaker cannot order a contractor (nor anyone but staff)
    POST("works:order_new",                  LOGIN,       _,           _,           _,           _,           ACTS,        ACTS, args="to_order_request",
         data={"assignee": "technician", "technician": "Luc Marchal", "job": "Changer le joint.", "target_date": "2030-01-15"}),
    GET("works:order",                       LOGIN,       _,           _,           _,           _,           OK,          OK, args="work_order"),
    GET("works:order_pdf",                   LOGIN,       _,           _,           _,           _,           OK,          OK, args="work_order"),
    GET("works:order_action",                LOGIN,       _,           _,           _,           _,           NOT_ALLOWED, NOT_ALLOWED, args="work_order_cancel"),
    POST("works:order_action",               LOGIN,       _,           _,           _,           _,           ACTS,        ACTS, args="work_order_cancel",
         data={"cancel-reason": "Confié à une autre entreprise."}),
    # the contractor's company's work orders, and nothing else
    GET("works:contractor_orders",           LOGIN,       _,           _,           _,           OK,          _,           _),
    GET("works:contractor_order",            LOGIN,       _,           _,           _,           OK,          _,           _, args="work_order"),
    GET("works:contractor_pdf",              LOGIN,       _,           _,           _,           OK,          _,           _, args="work_order"),
    GET("works:contractor_action",           LOGIN,       _,           _,           _,           NOT_ALLOWED, _,           _, args="work_order_accept"),
    POST("works:contractor_action",          LOGIN,       _,           _,           _,           ACTS,        _,           _, args="work_order_accept"),
    # the signed link opens its work order for whoever holds it (tests/works/test_links.py: expired, revoked, forged)
    GET("works:link",                        OK,          OK,          OK,          OK,          OK,          OK,          OK, args="work_order_link"),
    GET("works:link_action",                 NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, args="work_order_link_accept"),
    POST("works:link_action",                ACTS,        ACTS,        ACTS,        ACTS,        ACTS,        ACTS,        ACTS, args="work_order_link_accept"),
    GET("works:caretaker_orders",            LOGIN,       _,           _,           OK,          _,           _,           _),
    GET("works:caretaker_action",            LOGIN,       NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, args="caretaker_order_done"),
    POST("works:caretaker_action",           LOGIN,       _,           _,           ACTS,        _,           _,           _, args="caretaker_order_done",
         data={"message": "Joint changé."}),

    # --- Django's admin: the manager only --------------------------------------------------------------------------
    GET("admin:login",                       OK,          OK,          OK,          OK,          OK,          OK,          REDIRECT),
    GET("admin:logout",                      REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    NOT_ALLOWED),
    POST("admin:logout",                     REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    REDIRECT,    LOGIN),
    # django_rq's dashboard (installed for `agir rqworker`): its JSON statistics want a token of their own…
    GET("admin:django_rq_home_json",         UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, UNAUTHORIZED, ADMITTED, args="admin"),
    # … and it fails on a job, a worker or a dashboard row that does not exist: only the manager gets that far.
    GET("admin:django_rq_delete_job",        ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, SERVER_ERROR, args="admin"),
    GET("admin:django_rq_enqueue_job",       ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, SERVER_ERROR, args="admin"),
    GET("admin:django_rq_requeue_job",       ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, SERVER_ERROR, args="admin"),
    GET("admin:django_rq_worker_details",    ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, SERVER_ERROR, args="admin"),
    GET("admin:django_rq_dashboard_change",  ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, SERVER_ERROR, args="admin"),
    GET("admin:django_rq_dashboard_delete",  ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, SERVER_ERROR, args="admin"),
    GET("admin:django_rq_dashboard_history", ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, SERVER_ERROR, args="admin"),
    GET("admin:*",                           ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMITTED, args="admin"),
]
# fmt: on

"""The review screens under ``/ui``: sign-in, the queue with bulk upload, and packet review.

Every read and action calls the API's service functions (``credintake.api.review``,
``Intake``), so the audit log and the rules see the same thing whichever way a reviewer
works. Pages and data the screens GET are read like the JSON API's reads: in a read-only
transaction (``Database.read_session``) whose audit entries go to the audit spool, so a
reviewer's page never queues on SQLite's write lock behind uploads and result commits. Pages are Jinja2 with autoescape on; forms and fetch POSTs carry the session's CSRF
token; packets outside a user's access answer 404 (api/access.py, the rule the JSON API
uses too).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from credintake.api import access, audit, review, verifications
from credintake.api.deps import DatabaseDep, UploadSlot
from credintake.api.desk.queue import is_escalated, sla_clock
from credintake.api.desk.queue import pool as desk_pool
from credintake.api.desk.stages import DECIDE, MOVES, STAGES
from credintake.api.errors import InvalidRequestError, NotReadyError
from credintake.api.intake import Intake, MemberInput, PacketInput, packet_name
from credintake.api.page_images import render_png
from credintake.api.store.models import FieldRow, Job, Organization, Packet, User, utcnow
from credintake.api.ui import session as sess
from credintake.api.ui.display import display_name
from credintake.api.ui.view import build, provider_name
from credintake.api.users import authenticate, has_role, hash_token
from credintake.errors import CredintakeError
from credintake.settings import Settings

HERE = Path(__file__).resolve().parent

def _show(value: Any) -> str:
    """A value as text for a cell (the template escapes it)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    if isinstance(value, dict):  # a list entry in exclusion.match / npi.registry_mismatch
        return "; ".join(f"{str(k).replace('_', ' ')}: {_show(v)}" for k, v in value.items()
                         if v not in (None, "", [], {}))
    return str(value)


_env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                          autoescape=True)
_env.filters["show"] = _show
_env.filters["name"] = display_name
templates = Jinja2Templates(env=_env)
router = APIRouter(prefix="/ui", include_in_schema=False)


class LoginRequired(Exception):
    """No valid session: pages redirect to the sign-in form, data requests get 401."""


class UiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _key(request: Request) -> bytes:
    state = request.app.state
    if getattr(state, "ui_key", None) is None:
        state.ui_key = sess.load_key(state.settings.data_dir)
    return state.ui_key  # type: ignore[no-any-return]


def current(request: Request, db: DatabaseDep) -> tuple[User, dict[str, Any]]:
    data = sess.unsign(_key(request), request.cookies.get(sess.COOKIE))
    if data is None:
        raise LoginRequired()
    with db.read_session() as s:
        user = s.get(User, data.get("uid"))
        if user is None or user.revoked_at is not None or not sess.same(
                user.token_hash[:24], data.get("th")) or not sess.live(s, data):
            raise LoginRequired()
        s.expunge(user)
    return user, data


Auth = Annotated[tuple[User, dict[str, Any]], Depends(current)]


def check_csrf(request: Request, data: dict[str, Any], form_token: str | None) -> None:
    token = form_token or request.headers.get("x-csrf-token")
    if not sess.same(token, data.get("csrf")):
        raise UiError(403, "the form expired or did not come from this site (CSRF check "
                           "failed); reload the page and try again")


def render(request: Request, name: str, ctx: dict[str, Any], status: int = 200
           ) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx, status_code=status,
                                      headers={"Cache-Control": "no-store"})


# --- sign-in -----------------------------------------------------------------------------

@router.get("", response_class=HTMLResponse)
@router.get("/", response_class=HTMLResponse)
def home() -> RedirectResponse:
    return RedirectResponse("/ui/queue", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, error: str | None = None, status: int = 200) -> HTMLResponse:
    pre = sess.new_session(0, "")
    pre["exp"] = pre["exp"] - sess.MAX_AGE + 3600
    resp = render(request, "login.html", {"csrf": pre["csrf"], "error": error, "user": None},
                  status)
    resp.set_cookie(sess.LOGIN_COOKIE, sess.sign(_key(request), pre), max_age=3600,
                    httponly=True, samesite="strict", path="/ui",
                    secure=request.url.scheme == "https")
    return resp


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, db: DatabaseDep, token: Annotated[str, Form(max_length=200)],
          csrf: Annotated[str, Form(max_length=100)] = "",
          name: Annotated[str, Form(max_length=120)] = "") -> Response:
    pre = sess.unsign(_key(request), request.cookies.get(sess.LOGIN_COOKIE))
    if pre is None or not sess.same(csrf, pre.get("csrf")):
        raise UiError(403, "the sign-in form expired or did not come from this site; "
                           "reload it and try again")
    ok: dict[str, Any] | None = None
    with db.session() as s:
        user = authenticate(s, token.strip())
        if user is not None and name.strip() and name.strip() != user.name:
            user = None
        if user is None:
            audit.record(s, None, "ui.login.failed", None)
        else:
            audit.record(s, user, "ui.login", None)
            ok = sess.new_session(user.id, hash_token(token.strip()))
            sess.record(s, ok)
    if ok is None:
        return login_form(request, "That name and token do not match an active user.", 401)
    resp = RedirectResponse("/ui/queue", status_code=303)
    resp.set_cookie(sess.COOKIE, sess.sign(_key(request), ok),
                    max_age=sess.MAX_AGE, httponly=True, samesite="strict", path="/ui",
                    secure=request.url.scheme == "https")
    resp.delete_cookie(sess.LOGIN_COOKIE, path="/ui")
    return resp


@router.post("/logout")
def logout(request: Request, auth: Auth, db: DatabaseDep,
           csrf: Annotated[str, Form(max_length=100)] = "") -> RedirectResponse:
    check_csrf(request, auth[1], csrf)
    with db.session() as s:
        sess.end(s, auth[1])
        audit.record(s, auth[0], "ui.logout", None)
    resp = RedirectResponse("/ui/login", status_code=303)
    resp.delete_cookie(sess.COOKIE, path="/ui")
    return resp


# --- queue -------------------------------------------------------------------------------

SORTS = {"received": Packet.created_at, "stage": Packet.stage, "due": Packet.due_date, "errors": Packet.error_count,
         "warnings": Packet.warning_count, "status": Packet.status, "name": Packet.name}


@router.get("/queue", response_class=HTMLResponse)
def queue(request: Request, auth: Auth, db: DatabaseDep, status: str = "", flag: str = "",
          assignee: str = "", sort: str = "received", dir: str = "desc") -> HTMLResponse:
    user, data = auth
    q = access.visible(select(Packet), user)
    if status in ("queued", "running", "done", "failed"):
        q = q.where(Packet.status == status)
    if flag == "errors":
        q = q.where(Packet.error_count > 0)
    elif flag == "warnings":
        q = q.where(Packet.warning_count > 0)
    elif flag == "clean":
        q = q.where(Packet.status == "done", Packet.error_count == 0,
                    Packet.warning_count == 0)
    if assignee == "me":
        q = q.where(Packet.assignee_id == user.id)
    elif assignee == "none":
        q = q.where(Packet.assignee_id.is_(None))
    col = SORTS.get(sort, Packet.created_at)
    order = col.asc().nulls_last() if dir == "asc" else col.desc().nulls_last()
    with db.read_session() as s:
        total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
        packets = list(s.scalars(q.order_by(order, Packet.id).limit(200)))
        names = {u.id: u.name for u in s.scalars(select(User).where(
            User.organization_id == user.organization_id))}
        jobs = {j.packet_id: j for j in s.scalars(select(Job).where(
            Job.packet_id.in_([p.id for p in packets])))} if packets else {}
        org = s.get(Organization, user.organization_id)
        now = utcnow()
        rows = [{"id": p.id, "provider": provider_name(p.result, p.name), "name": p.name,
                 **sla_clock(p, db.settings.desk, org.name if org else "", now),
                 "stage": p.stage, "kind": p.kind,
                 "escalation": p.escalation if is_escalated(p) else None,
                 "escalated_at": p.escalated_at,
                 "status": p.status, "errors": p.error_count, "warnings": p.warning_count,
                 "assignee": names.get(p.assignee_id or -1), "received": p.created_at,
                 "due": p.due_date, "overdue": bool(p.due_date and p.due_date < date.today()
                                                    and p.status != "failed"),
                 "progress": jobs[p.id].progress if p.id in jobs else 0.0}
                for p in packets]
        audit.record(s, user, "packet.list", None, count=len(rows),
                     packet_ids=[r["id"] for r in rows], via="ui")
        pool = [] if has_role(user.role, "coordinator") else desk_pool(s, user,
                                                                        db.settings.desk)
    return render(request, "queue.html", {
        "user": user, "csrf": data["csrf"], "rows": rows, "total": total, "pool": pool,
        "f": {"status": status, "flag": flag, "assignee": assignee, "sort": sort, "dir": dir},
        "is_coordinator": has_role(user.role, "coordinator"),
        "org": org.name if org else "",
        "extensions": ", ".join(f".{e.lstrip('.')}" for e in
                                sorted(db.settings.api.allowed_extensions) if e != "json")})


@router.post("/upload")
def upload(request: Request, auth: Auth, db: DatabaseDep, _slot: UploadSlot,
           files: Annotated[list[UploadFile], File()],
           csrf: Annotated[str, Form(max_length=100)] = "",
           name: Annotated[str, Form(max_length=255)] = "") -> JSONResponse:
    """One packet per request (the page sends each dropped zip, and the loose files
    together, separately so each gets its own progress bar)."""
    user, data = auth
    check_csrf(request, data, csrf)
    intake = Intake(db, db.settings)
    if len(files) == 1 and (files[0].filename or "").lower().endswith(".zip"):
        up = files[0]
        up.file.seek(0)
        packet = intake.packet_from_zip(lambda: up.file, up.filename or "packet.zip")
    else:
        members = [MemberInput(f.filename or "", _opener(f), f.content_type) for f in files]
        packet = PacketInput(packet_name(files[0].filename or "packet") if len(files) == 1
                             else "packet", members)
    if name.strip():
        packet.name = name.strip()
    _, accepted = intake.submit([packet], source="upload", user_id=user.id)
    a = accepted[0]
    with db.session() as s:
        audit.record(s, user, "packet.upload", a.packet_id, duplicate=a.duplicate,
                     files=len(packet.members), via="ui")
    return JSONResponse({"packet_id": a.packet_id, "name": a.name, "status": a.status,
                         "duplicate": a.duplicate, "url": f"/ui/packets/{a.packet_id}"},
                        status_code=202)


class _NoClose:
    def __init__(self, f: Any) -> None:
        self.f = f
        f.seek(0)

    def read(self, n: int = -1) -> bytes:
        return self.f.read(n)  # type: ignore[no-any-return]


def _opener(up: UploadFile):  # type: ignore[no-untyped-def]
    return lambda: _NoClose(up.file)


@router.get("/packets/{packet_id}/status.json")
def status_json(packet_id: str, auth: Auth, db: DatabaseDep) -> JSONResponse:
    user, _ = auth
    with db.read_session() as s:
        packet = access.packet_for(s, user, packet_id)
        job = s.scalar(select(Job).where(Job.packet_id == packet.id))
        body = {"id": packet.id, "status": packet.status, "errors": packet.error_count,
                "warnings": packet.warning_count,
                "progress": job.progress if job else 0.0,
                "attempts": job.attempts if job else 0,
                "error": job.error if job and packet.status == "failed" else None}
        audit.record(s, user, "packet.status.read", packet.id, via="ui")
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


# --- packet review -----------------------------------------------------------------------

@router.get("/packets/{packet_id}", response_class=HTMLResponse)
def packet_page(request: Request, packet_id: str, auth: Auth, db: DatabaseDep
                ) -> HTMLResponse:
    user, data = auth
    with db.read_session() as s:
        view = build(s, user, packet_id)
        checks = verifications.list_for(s, user, packet_id)
        today = _verification_check(s, user, packet_id, db.settings)
        provider_id = s.scalar(select(Packet.provider_id).where(Packet.id == packet_id))
        users = [u.name for u in s.scalars(select(User).where(
            User.revoked_at.is_(None), User.organization_id == user.organization_id)
            .order_by(User.name))] if has_role(user.role, "coordinator") else []
    return render(request, "packet.html", {
        "user": user, "csrf": data["csrf"], "v": view, "users": users,
        "verifications": checks, "verification_check": today,
        "elements": verifications.ELEMENTS,
        "methods": verifications.METHODS,
        "moves": [m for m in STAGES if m in MOVES.get(view.packet.stage, ())],
        "provider_id": provider_id,
        "decide": DECIDE,
        "is_coordinator": has_role(user.role, "coordinator")})


def _verification_check(s: Session, user: User, packet_id: str, settings: Settings
                        ) -> dict[str, Any] | None:
    """What a decision today would find (verification.stale, attestation.stale); None while
    the packet has no result or no accreditation profile covers today."""
    try:
        return verifications.check(s, user, packet_id, date.today(), settings)
    except (InvalidRequestError, NotReadyError):
        return None


@router.get("/packets/{packet_id}/documents/{doc_index}/pages/{page}.png")
def page_png(packet_id: str, doc_index: int, page: int, auth: Auth, db: DatabaseDep
             ) -> Response:
    """The page as PNG; ``X-Page-Width``/``X-Page-Height`` give its size in PDF points so
    the page can scale boxes (page points, origin top-left) onto the image."""
    user, _ = auth
    settings = db.settings
    with db.read_session() as s:
        name, sha = review.page_source(s, user, packet_id, doc_index, page, via="ui")
    data = db.blob_store.read(sha)
    dpi = min(settings.api.page_image_dpi, settings.api.page_image_max_dpi)
    png = render_png(name, data, page, dpi, settings)
    w, h = _points(name, data, page, png, dpi)
    return Response(png, media_type="image/png",
                    headers={"Cache-Control": "private, max-age=300",
                             "X-Page-Width": f"{w:.2f}", "X-Page-Height": f"{h:.2f}"})


def _points(name: str, data: bytes, page: int, png: bytes, dpi: int) -> tuple[float, float]:
    """The page's size in points, as the readers measure it."""
    from credintake.extractor.read import sniff

    if sniff(data) == "pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        try:
            pg = pdf[page - 1]
            try:
                return tuple(pg.get_size())  # type: ignore[return-value]
            finally:
                pg.close()
        finally:
            pdf.close()
    from PIL import Image

    img = Image.open(io.BytesIO(png))
    return img.width * 72.0 / dpi, img.height * 72.0 / dpi


@router.post("/packets/{packet_id}/fields/{field_id}/correction")
def correct(request: Request, packet_id: str, field_id: int, auth: Auth, db: DatabaseDep,
            value: Annotated[str, Form(max_length=2000)],
            csrf: Annotated[str, Form(max_length=100)] = "",
            note: Annotated[str, Form(max_length=2000)] = "",
            back: Annotated[str, Form(max_length=40)] = "") -> RedirectResponse:
    user, data = auth
    check_csrf(request, data, csrf)
    with db.session() as s:
        original = s.get(FieldRow, field_id)
        review.correct_field(s, user, packet_id, field_id,
                             value=_typed(value.strip(), original.value if original else None),
                             note=note, settings=db.settings,
                             blobs=db.blob_store)
    return RedirectResponse(f"/ui/packets/{packet_id}?done=corrected#{_anchor(back)}",
                            status_code=303)


@router.post("/packets/{packet_id}/findings/{finding_id}/resolution")
def resolve(request: Request, packet_id: str, finding_id: int, auth: Auth, db: DatabaseDep,
            action: Annotated[str, Form(pattern="^(accept|resolve|reopen)$")],
            note: Annotated[str, Form(max_length=2000)] = "",
            csrf: Annotated[str, Form(max_length=100)] = "") -> RedirectResponse:
    user, data = auth
    check_csrf(request, data, csrf)
    with db.session() as s:
        review.resolve_finding(s, user, packet_id, finding_id, action=action, note=note)
    return RedirectResponse(f"/ui/packets/{packet_id}?done={action}#finding-{finding_id}",
                            status_code=303)


@router.post("/packets/{packet_id}/verifications")
def add_verification(request: Request, packet_id: str, auth: Auth, db: DatabaseDep,
                     element: Annotated[str, Form(max_length=40)],
                     source: Annotated[str, Form(max_length=200)],
                     method: Annotated[str, Form(max_length=40)],
                     verified_on: Annotated[str, Form(max_length=10)],
                     subject: Annotated[str, Form(max_length=120)] = "",
                     document_index: Annotated[str, Form(max_length=6)] = "",
                     note: Annotated[str, Form(max_length=2000)] = "",
                     csrf: Annotated[str, Form(max_length=100)] = "") -> RedirectResponse:
    """The review screen's verification form: the same record the API creates."""
    user, data = auth
    check_csrf(request, data, csrf)
    try:
        body = verifications.VerificationIn(
            element=element, subject=subject.strip() or None, source=source.strip(),
            method=method, verified_on=verified_on,
            document_index=int(document_index) if document_index.strip() else None,
            note=note.strip() or None)  # type: ignore[arg-type]
    except (ValidationError, ValueError):
        raise UiError(422, "the verification needs an element, a source, a method and a "
                           "date (YYYY-MM-DD)") from None
    with db.session() as s:
        row = verifications.create(s, user, packet_id, body)
    return RedirectResponse(f"/ui/packets/{packet_id}?done=verified#verification-{row.id}",
                            status_code=303)


@router.post("/packets/{packet_id}/assignment")
def assign(request: Request, packet_id: str, auth: Auth, db: DatabaseDep,
           assignee: Annotated[str, Form(max_length=120)] = "",
           due_date: Annotated[str, Form(max_length=10)] = "",
           csrf: Annotated[str, Form(max_length=100)] = "") -> RedirectResponse:
    user, data = auth
    check_csrf(request, data, csrf)
    if not has_role(user.role, "coordinator"):
        raise UiError(403, "assigning packets needs the coordinator role")
    try:
        due = date.fromisoformat(due_date) if due_date else None
    except ValueError:
        raise UiError(422, "the due date is not a date (YYYY-MM-DD)") from None
    with db.session() as s:
        review.update_packet(s, user, packet_id,
                             fields={"assignee": assignee or None, "due_date": due})
    return RedirectResponse(f"/ui/packets/{packet_id}?done=assigned", status_code=303)


def _typed(text: str, like: Any) -> Any:
    """A form's text as the type of the value it corrects (money and counts are numbers in
    the contract), or the text itself when it does not parse as that type."""
    if isinstance(like, bool):
        return {"true": True, "yes": True, "false": False, "no": False}.get(text.lower(), text)
    if isinstance(like, (int, float)):
        plain = text.replace("$", "").replace(",", "").strip()
        try:
            return int(plain) if isinstance(like, int) and plain.lstrip("-").isdigit() \
                else float(plain)
        except ValueError:
            return text
    return text


def _anchor(back: str) -> str:
    return back if back.replace("-", "").isalnum() else ""


# --- mounting ----------------------------------------------------------------------------

def install(app: Any) -> None:
    """Mount the screens, their static files and their error pages on ``app``."""
    from fastapi.staticfiles import StaticFiles

    from credintake.api.ui import desk

    app.include_router(router)
    app.include_router(desk.router)
    app.add_api_route("/", home, include_in_schema=False)   # a browser at the root: screens
    app.mount("/ui/static", StaticFiles(directory=str(HERE / "static")), name="ui-static")

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _: LoginRequired) -> Response:
        if request.method == "GET" and not request.url.path.endswith((".json", ".png")):
            return RedirectResponse("/ui/login", status_code=303)
        return JSONResponse({"error": {"status": 401, "code": "unauthorized",
                                       "message": "sign in first", "details": []}},
                            status_code=401)

    @app.exception_handler(UiError)
    async def _ui_error(request: Request, exc: UiError) -> Response:
        return _error_page(request, exc.status, exc.message)

    prior = app.exception_handlers.get(CredintakeError)

    @app.exception_handler(CredintakeError)
    async def _credintake(request: Request, exc: CredintakeError) -> Response:
        if request.url.path.startswith("/ui/") and not request.url.path.endswith(
                (".json", "/upload")):
            return _error_page(request, exc.http_status, str(exc) if exc.http_status < 500
                               else "internal error; the action was not completed")
        return await prior(request, exc)  # type: ignore[misc,no-any-return]


def _error_page(request: Request, status: int, message: str) -> Response:
    if request.url.path.endswith((".json", ".png", "/upload")):
        return JSONResponse({"error": {"status": status, "code": "ui_error",
                                       "message": message, "details": []}},
                            status_code=status)
    return render(request, "error.html", {"status": status, "message": message,
                                          "user": None}, status)

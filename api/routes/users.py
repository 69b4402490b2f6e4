"""API users (admin only): the same operations as ``credintake users add/list/revoke``,
within the admin's own organisation (a user of another one is "no such user")."""

from __future__ import annotations

from fastapi import APIRouter, status

from credintake.api import audit
from credintake.api import users as service
from credintake.api.deps import Admin, SessionDep
from credintake.api.errors import error_responses
from credintake.api.schemas import UserCreatedPublic, UserCreateIn, UserPublic
from credintake.api.store.models import Organization

router = APIRouter(prefix="/users", tags=["users"])


@router.get("", response_model=list[UserPublic])
def list_users(user: Admin, session: SessionDep) -> list[UserPublic]:
    return [UserPublic.model_validate(u)
            for u in service.list_users(session, user.organization_id)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=UserCreatedPublic,
             responses=error_responses(409))
def add_user(body: UserCreateIn, user: Admin, session: SessionDep) -> UserCreatedPublic:
    org = session.get(Organization, user.organization_id)
    assert org is not None                      # a foreign key: every user has one
    info, token = service.add_user(session, name=body.name, role=body.role,
                                   organization=org.name)
    audit.record(session, user, "user.add", None, user_id=info.id, role=info.role)
    return UserCreatedPublic(**UserPublic.model_validate(info).model_dump(), token=token)


@router.delete("/{name}", response_model=UserPublic)
def revoke_user(name: str, user: Admin, session: SessionDep) -> UserPublic:
    info = service.revoke_user(session, name, user.organization_id)
    audit.record(session, user, "user.revoke", None, user_id=info.id)
    return UserPublic.model_validate(info)

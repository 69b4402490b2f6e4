"""Providers across packets and years (coordinators: a provider's record spans every file
of the organisation, more than a specialist's assigned work)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from credintake.api.deps import Coordinator, DatabaseDep, read
from credintake.api.desk import providers
from credintake.api.errors import error_responses
from credintake.api.schemas import ProviderListPublic, ProviderPublic

router = APIRouter(prefix="/providers", tags=["desk"])


@router.get("", response_model=list[ProviderListPublic], summary="Providers")
async def list_providers(user: Coordinator, db: DatabaseDep) -> list[ProviderListPublic]:
    return [ProviderListPublic(**r) for r in await read(db, providers.list_providers, user)]


@router.get("/{provider_id}", response_model=ProviderPublic,
            summary="A provider's files, decisions, expirables and recredentialing date",
            responses=error_responses(404))
async def get_provider(provider_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
                       user: Coordinator, db: DatabaseDep
                       ) -> ProviderPublic:
    view = await read(db, providers.provider_view, user, provider_id, db.settings.desk)
    return ProviderPublic.model_validate(view)

"""Thin HTTP routes, one module per resource; ``ROUTERS`` is what the app mounts."""

from credintake.api.routes import (audit, batches, desk, exports, health, lists, packets,
                                   providers, review, users, verifications)

ROUTERS = [health.router, packets.router, review.router, batches.router, exports.router,
           users.router, audit.router, verifications.router, desk.router,
           desk.packet_router, providers.router, lists.router]

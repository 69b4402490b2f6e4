"""Thin HTTP routes, one module per resource; ``ROUTERS`` is what the app mounts."""

from credintake.api.routes import (audit, batches, exports, health, lists, packets, review,
                                   users)

ROUTERS = [health.router, packets.router, review.router, batches.router, exports.router,
           users.router, audit.router, lists.router]

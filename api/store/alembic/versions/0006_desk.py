"""desk: a packet's kind and stage (issue 15); counts of open findings only

Revision ID: 0006
Revises: 0003
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('packets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='initial',
                                      nullable=False))
        batch_op.add_column(sa.Column('stage', sa.String(length=30), server_default='received',
                                      nullable=False))
        batch_op.add_column(sa.Column('stage_changed_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.create_index(batch_op.f('ix_packets_stage'), ['stage'], unique=False)
    # the stored counts were of every finding; from now on they are of open ones
    for column, severity in (('error_count', 'error'), ('warning_count', 'warning')):
        op.execute(f"UPDATE packets SET {column} = (SELECT COUNT(*) FROM findings WHERE "
                   f"findings.packet_id = packets.id AND findings.status = 'open' AND "
                   f"findings.severity = '{severity}') WHERE result IS NOT NULL")
    op.execute("UPDATE packets SET has_errors = (error_count > 0) WHERE result IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('packets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_packets_stage'))
        batch_op.drop_column('stage_changed_at')
        batch_op.drop_column('stage')
        batch_op.drop_column('kind')

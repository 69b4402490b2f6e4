"""desk: a packet's kind and stage, providers across packets (issue 15); counts of open
findings only

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('providers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('npi', sa.String(length=10), nullable=True),
    sa.Column('name_key', sa.String(length=200), nullable=True),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('display_name', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'],
                            name=op.f('fk_providers_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_providers'))
    )
    with op.batch_alter_table('providers', schema=None) as batch_op:
        batch_op.create_index('ix_providers_org_npi', ['organization_id', 'npi'], unique=False)
        batch_op.create_index('ix_providers_org_name_dob',
                              ['organization_id', 'name_key', 'date_of_birth'], unique=False)
    with op.batch_alter_table('packets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('provider_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('escalated_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('escalation', sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f('ix_packets_provider_id'), ['provider_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_packets_provider_id_providers'),
                                    'providers', ['provider_id'], ['id'])
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
                   f"findings.severity = '{severity}')")
    op.execute("UPDATE packets SET has_errors = (error_count > 0) WHERE status = 'done'")


def downgrade() -> None:
    with op.batch_alter_table('packets', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_packets_provider_id_providers'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_packets_provider_id'))
        batch_op.drop_column('provider_id')
        batch_op.drop_column('escalation')
        batch_op.drop_column('escalated_at')
        batch_op.drop_index(batch_op.f('ix_packets_stage'))
        batch_op.drop_column('stage_changed_at')
        batch_op.drop_column('stage')
        batch_op.drop_column('kind')
    with op.batch_alter_table('providers', schema=None) as batch_op:
        batch_op.drop_index('ix_providers_org_name_dob')
        batch_op.drop_index('ix_providers_org_npi')
    op.drop_table('providers')

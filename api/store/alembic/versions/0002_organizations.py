"""organizations: every user, batch and packet belongs to one; dedup per organisation

Existing rows go to an organisation named "default" (created here, so it exists on every
database); a packet's digest is unique within its organisation, not globally.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 18:30:00
"""

from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

DEFAULT = "default"
OWNED = ("users", "batches", "packets")


def upgrade() -> None:
    op.create_table('organizations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations')),
    sa.UniqueConstraint('name', name=op.f('uq_organizations_name'))
    )
    orgs = sa.table('organizations', sa.column('id', sa.Integer),
                    sa.column('name', sa.String), sa.column('created_at', sa.DateTime))
    # naive UTC, as UTCDateTime stores it on SQLite; PostgreSQL reads it as UTC
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    op.bulk_insert(orgs, [{'name': DEFAULT, 'created_at': now}])
    default_id = op.get_bind().scalar(sa.select(orgs.c.id).where(orgs.c.name == DEFAULT))

    for table in OWNED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('organization_id', sa.Integer(), nullable=True))
        op.execute(sa.table(table, sa.column('organization_id', sa.Integer))
                   .update().values(organization_id=default_id))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('organization_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_users_organization_id'), ['organization_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_users_organization_id_organizations'),
                                    'organizations', ['organization_id'], ['id'])
    with op.batch_alter_table('batches', schema=None) as batch_op:
        batch_op.alter_column('organization_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_batches_organization_id'), ['organization_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_batches_organization_id_organizations'),
                                    'organizations', ['organization_id'], ['id'])
    with op.batch_alter_table('packets', schema=None) as batch_op:
        batch_op.alter_column('organization_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint(batch_op.f('uq_packets_digest'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_packets_organization_id'),
                                          ['organization_id', 'digest'])
        batch_op.create_foreign_key(batch_op.f('fk_packets_organization_id_organizations'),
                                    'organizations', ['organization_id'], ['id'])


def downgrade() -> None:
    """Back to one global digest: fails (unique violation) once two organisations hold
    the same packet, rather than silently merging them."""
    with op.batch_alter_table('packets', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_packets_organization_id_organizations'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_packets_organization_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_packets_digest'), ['digest'])
        batch_op.drop_column('organization_id')
    with op.batch_alter_table('batches', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_batches_organization_id_organizations'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_batches_organization_id'))
        batch_op.drop_column('organization_id')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_users_organization_id_organizations'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_users_organization_id'))
        batch_op.drop_column('organization_id')
    op.drop_table('organizations')

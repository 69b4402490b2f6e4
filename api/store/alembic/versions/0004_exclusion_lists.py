"""exclusion_lists, exclusion_entries: imported OIG LEIE and SAM.gov exclusion lists

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 15:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('exclusion_lists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('file_date', sa.Date(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('bad_rows', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exclusion_lists'))
    )
    with op.batch_alter_table('exclusion_lists', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exclusion_lists_kind'), ['kind'], unique=False)
    op.create_table('exclusion_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('last_key', sa.String(length=80), nullable=False),
    sa.Column('last_name', sa.String(length=120), nullable=True),
    sa.Column('first_name', sa.String(length=120), nullable=True),
    sa.Column('middle_name', sa.String(length=120), nullable=True),
    sa.Column('business_name', sa.String(length=250), nullable=True),
    sa.Column('npi', sa.String(length=10), nullable=True),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('exclusion_type', sa.String(length=60), nullable=True),
    sa.Column('exclusion_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['list_id'], ['exclusion_lists.id'],
                            name=op.f('fk_exclusion_entries_list_id_exclusion_lists'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exclusion_entries'))
    )
    op.create_index('ix_exclusion_entries_list_last', 'exclusion_entries', ['list_id', 'last_key'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_exclusion_entries_list_last', table_name='exclusion_entries')
    op.drop_table('exclusion_entries')
    with op.batch_alter_table('exclusion_lists', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exclusion_lists_kind'))
    op.drop_table('exclusion_lists')

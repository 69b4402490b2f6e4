"""exclusion lists: imported LEIE / SAM / NPPES list versions and their rows (issue 16)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('list_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('list_name', sa.String(length=20), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('file_date', sa.Date(), nullable=False),
    sa.Column('file_date_from', sa.String(length=20), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('lines_done', sa.Integer(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('bad_rows', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_list_versions')),
    sa.UniqueConstraint('list_name', 'sha256', name=op.f('uq_list_versions_list_name'))
    )
    with op.batch_alter_table('list_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_list_versions_list_name'), ['list_name'],
                              unique=False)
    op.create_table('list_exclusions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('name_key', sa.String(length=8), nullable=False),
    sa.Column('last_name', sa.String(length=120), nullable=False),
    sa.Column('first_name', sa.String(length=120), nullable=False),
    sa.Column('middle_name', sa.String(length=120), nullable=False),
    sa.Column('business_name', sa.String(length=255), nullable=True),
    sa.Column('npi', sa.String(length=10), nullable=True),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('exclusion_type', sa.String(length=60), nullable=True),
    sa.Column('exclusion_date', sa.Date(), nullable=True),
    sa.Column('reinstatement_date', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['version_id'], ['list_versions.id'],
                            name=op.f('fk_list_exclusions_version_id_list_versions'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_list_exclusions'))
    )
    with op.batch_alter_table('list_exclusions', schema=None) as batch_op:
        batch_op.create_index('ix_list_exclusions_version_key', ['version_id', 'name_key'],
                              unique=False)
        batch_op.create_index('ix_list_exclusions_version_npi', ['version_id', 'npi'],
                              unique=False)
    op.create_table('list_npi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('npi', sa.String(length=10), nullable=False),
    sa.Column('entity_type', sa.String(length=1), nullable=True),
    sa.Column('last_name', sa.String(length=120), nullable=False),
    sa.Column('first_name', sa.String(length=120), nullable=False),
    sa.Column('middle_name', sa.String(length=120), nullable=False),
    sa.Column('organization', sa.String(length=255), nullable=False),
    sa.Column('practice_state', sa.String(length=40), nullable=True),
    sa.Column('deactivation_date', sa.Date(), nullable=True),
    sa.Column('reactivation_date', sa.Date(), nullable=True),
    sa.Column('taxonomies', sa.JSON(), nullable=False),
    sa.Column('licenses', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['list_versions.id'],
                            name=op.f('fk_list_npi_version_id_list_versions'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_list_npi'))
    )
    with op.batch_alter_table('list_npi', schema=None) as batch_op:
        batch_op.create_index('ix_list_npi_version_npi', ['version_id', 'npi'], unique=False)


def downgrade() -> None:
    op.drop_table('list_npi')
    op.drop_table('list_exclusions')
    op.drop_table('list_versions')

"""verifications: primary-source verification records of a packet's elements

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 15:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('verifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('packet_id', sa.String(length=64), nullable=False),
    sa.Column('element', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=120), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=False),
    sa.Column('verified_by', sa.String(length=120), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('document_index', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['packet_id'], ['packets.id'],
                            name=op.f('fk_verifications_packet_id_packets'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_verifications_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verifications'))
    )
    with op.batch_alter_table('verifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_verifications_packet_id'), ['packet_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('verifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_verifications_packet_id'))
    op.drop_table('verifications')

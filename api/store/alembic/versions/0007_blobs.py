"""stored_blobs, stored_blob_chunks: the ``database`` blob backend (file bytes in rows)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stored_blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_stored_blobs'))
    )
    op.create_table('stored_blob_chunks',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['sha256'], ['stored_blobs.sha256'],
                            name=op.f('fk_stored_blob_chunks_sha256_stored_blobs'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sha256', 'seq', name=op.f('pk_stored_blob_chunks'))
    )


def downgrade() -> None:
    op.drop_table('stored_blob_chunks')
    op.drop_table('stored_blobs')

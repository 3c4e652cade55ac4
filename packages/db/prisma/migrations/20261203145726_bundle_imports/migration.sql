-- CreateTable
CREATE TABLE "BundleImport" (
    "id" UUID NOT NULL,
    "userId" UUID,
    "summary" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BundleImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BundleImport_createdAt_idx" ON "BundleImport"("createdAt");

-- AddForeignKey
ALTER TABLE "BundleImport" ADD CONSTRAINT "BundleImport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

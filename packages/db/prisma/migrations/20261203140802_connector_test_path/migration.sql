-- AlterTable
ALTER TABLE "Connector" ADD COLUMN     "testPath" TEXT NOT NULL DEFAULT '/';

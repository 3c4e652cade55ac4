import { Global, Inject, Module, type DynamicModule } from '@nestjs/common';
import { createSecretBox, type SecretBox } from '@conflux/engine';

export const SECRET_BOX = Symbol('SecretBox');
export const InjectSecretBox = () => Inject(SECRET_BOX);
export type { SecretBox };

@Global()
@Module({})
export class SecretsModule {
  static forKey(key: string, previousKeys: string[] = []): DynamicModule {
    return {
      module: SecretsModule,
      providers: [{ provide: SECRET_BOX, useValue: createSecretBox(key, { previousKeys }) }],
      exports: [SECRET_BOX],
    };
  }
}

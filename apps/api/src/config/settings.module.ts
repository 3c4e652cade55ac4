import { Global, Inject, Module, type DynamicModule } from '@nestjs/common';
import type { Settings } from './settings';

export const SETTINGS = Symbol('Settings');
export const InjectSettings = () => Inject(SETTINGS);

@Global()
@Module({})
export class SettingsModule {
  static forSettings(settings: Settings): DynamicModule {
    return { module: SettingsModule, providers: [{ provide: SETTINGS, useValue: settings }], exports: [SETTINGS] };
  }
}

import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { SessionLifetime } from './session-lifetime';

/** Cross-cutting providers every feature may inject. */
@Global()
@Module({ providers: [Clock, SessionLifetime], exports: [Clock, SessionLifetime] })
export class CommonModule {}

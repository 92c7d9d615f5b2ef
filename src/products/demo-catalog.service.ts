import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { databaseConfig } from '../config/app.config';
import { runStartupTask } from '../database/startup-task';
import { DEMO_PRODUCTS } from './demo-catalog';
import { drawDemoImages } from './demo-images';
import { ProductImagesService } from './images/product-images.service';
import { Product } from './product.entity';

/** Any fixed number: one process at a time decides whether to seed. */
const DEMO_SEED_LOCK = 7_262_002;
/** Demo pictures drawn in parallel: sharp runs each in libuv's pool, a core or so apiece. */
const DRAWN_AT_ONCE = 4;

/** With SEED_DEMO, an empty catalog is filled at start-up so the first visit shows a live shop. */
@Injectable()
export class DemoCatalogService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoCatalog');

  constructor(
    private readonly orm: MikroORM,
    private readonly em: EntityManager,
    private readonly images: ProductImagesService,
    @Inject(databaseConfig.KEY) private readonly config: ConfigType<typeof databaseConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    await runStartupTask(this.orm, DEMO_SEED_LOCK, () => this.seed());
  }

  /** Returns how many products were added (0 when the catalog already had some). */
  private async seed(): Promise<number> {
    if ((await this.em.count(Product)) > 0) return 0;
    const now = Date.now();
    const products = DEMO_PRODUCTS.map(([name, category, unitPrice, stock, visibility, description], index) => {
      // Spread over the last days, categories interleaved (7 is coprime with the list's
      // length), so that "newest first" shows a mix.
      const rank = (index * 7) % DEMO_PRODUCTS.length;
      const created = new Date(now - (DEMO_PRODUCTS.length - rank) * 37 * 60 * 1000);
      return this.em.create(Product, { name, category, unitPrice, stock, visibility, description, created, modified: created });
    });
    await this.em.flush();
    // A picture for every product, so the first start looks like a shop. Drawing is CPU work in
    // sharp's threads: a few at once keep every core busy while the rows are written one by one.
    const drawings = products.map((product, index) => () => drawDemoImages(product.name, product.category, index));
    for (let i = 0; i < drawings.length; i += DRAWN_AT_ONCE) {
      const batch = await Promise.all(drawings.slice(i, i + DRAWN_AT_ONCE).map((draw) => draw()));
      for (const [offset, images] of batch.entries()) await this.images.apply(products[i + offset].id, { kind: 'replace', images });
    }
    this.logger.log(`Filled the empty catalog with ${DEMO_PRODUCTS.length} demo products.`);
    return DEMO_PRODUCTS.length;
  }
}

import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module';
import { OfferCatalogController } from './controllers/offer-catalog.controller';
import { OffersController } from './controllers/offers.controller';
import { StoresController } from './controllers/stores.controller';
import { MerchantOffersService } from './services/merchant-offers.service';
import { MerchantStoresService } from './services/merchant-stores.service';
import { OfferCatalogService } from './services/offer-catalog.service';

/**
 * Merchants' stores and offers, on the api: the merchant manages them, the program's catalog shows
 * the live offers publicly. Redemption (coming) reads an offer through offers-store's lockLiveOffer.
 */
@Module({
  imports: [TenancyModule],
  controllers: [StoresController, OffersController, OfferCatalogController],
  providers: [MerchantStoresService, MerchantOffersService, OfferCatalogService],
})
export class MerchantsApiModule {}

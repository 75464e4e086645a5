import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document of the api, generated from the controllers and the @tanlian/sdk schemas. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tanlian clearing service')
    .setDescription(
      'The clearing network of city carbon-inclusion schemes (碳普惠). Authenticate with `Authorization: Bearer <API key>`. ' +
        'Every route states who may call it in `x-tanlian-access`; ids of another program or participant answer 404.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

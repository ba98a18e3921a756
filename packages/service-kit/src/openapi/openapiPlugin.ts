import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export interface OpenApiPluginOptions {
  title: string;
  version: string;
  description?: string;
  /** Where the UI is served; the document is at `<prefix>/json`. */
  routePrefix?: string;
}

/**
 * OpenAPI 3.1 from the routes' zod schemas (fastify-type-provider-zod's transform), with the UI.
 * Registered before the routes it documents: @fastify/swagger collects routes as they are added.
 */
export const openApiPlugin = fp<OpenApiPluginOptions>(
  async (app, { title, version, description, routePrefix = '/docs' }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title, version, ...(description === undefined ? {} : { description }) },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(async (docs) => {
      docs.addHook('onRoute', (route) => {
        route.config = { ...route.config, public: true };
      });
      // staticCSP: the UI's own strict CSP (script hashes) instead of helmet's default, which blocks it.
      await docs.register(swaggerUi, { routePrefix, staticCSP: true });
    });
  },
  { name: '@causeway/service-kit/openapi', fastify: '5.x' },
);

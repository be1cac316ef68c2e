import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import { MODEL_BASE } from './catalogue-routes.js';
import { HistoryResponse } from '../entry/schemas.js';
import { formHistory, openForm, saveFormCells } from './form-grid.js';
import {
  CreateFormBody,
  FormHistoryBody,
  FormListResponse,
  FormView,
  OpenFormBody,
  OpenFormResponse,
  SaveCellsBody,
  SaveCellsResponse,
  UpdateFormBody,
} from './form-schemas.js';
import { createForm, deleteForm, getForm, listForms, updateForm } from './form-service.js';
import { ObjectParams } from './schemas.js';

/**
 * Forms under `/t/:slug/api/model/forms`: org admins define them; users list, open and save
 * the forms their groups may read / write (rights checked per form and per cell).
 */
export function formRoutes(app: App, deps: AppDeps): void {
  const tags = ['model'];
  const auth = 'tenant-user' as const;
  const admin = 'tenant-admin' as const;
  const base = `${MODEL_BASE}/forms`;

  app.get(
    base,
    {
      config: { auth },
      schema: { tags, params: SlugParams, response: { 200: FormListResponse, ...errorResponses } },
    },
    async (req) => ({ items: await listForms(req.tenantCtx!, req.user!) }),
  );

  app.post(
    base,
    {
      config: { auth: admin },
      schema: {
        tags,
        params: SlugParams,
        body: CreateFormBody,
        response: { 201: FormView, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = req.tenantCtx!;
      const id = await createForm(deps, ctx, req.body, req.locale, userActor(req, req.user!));
      return reply.code(201).send(await getForm(ctx, req.user!, id));
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: { auth },
      schema: { tags, params: ObjectParams, response: { 200: FormView, ...errorResponses } },
    },
    async (req) => getForm(req.tenantCtx!, req.user!, req.params.id),
  );

  app.put(
    `${base}/:id`,
    {
      config: { auth: admin },
      schema: {
        tags,
        params: ObjectParams,
        body: UpdateFormBody,
        response: { 200: FormView, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = req.tenantCtx!;
      await updateForm(deps, ctx, req.params.id, req.body.definition, req.locale, userActor(req, req.user!));
      return getForm(ctx, req.user!, req.params.id);
    },
  );

  app.delete(
    `${base}/:id`,
    {
      config: { auth: admin },
      schema: { tags, params: ObjectParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await deleteForm(deps, req.tenantCtx!, req.params.id, userActor(req, req.user!));
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${base}/:id/open`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: OpenFormBody,
        response: { 200: OpenFormResponse, ...errorResponses },
      },
    },
    async (req) =>
      openForm(req.tenantCtx!, req.user!, req.params.id, req.body.choices ?? {}, req.body.drill?.row),
  );

  app.post(
    `${base}/:id/cells`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: SaveCellsBody,
        response: { 200: SaveCellsResponse, ...errorResponses },
      },
    },
    async (req) =>
      saveFormCells(
        deps,
        req.tenantCtx!,
        req.user!,
        req.params.id,
        req.body,
        req.locale,
        userActor(req, req.user!),
      ),
  );

  app.post(
    `${base}/:id/history`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: FormHistoryBody,
        response: { 200: HistoryResponse, ...errorResponses },
      },
    },
    async (req) => formHistory(req.tenantCtx!, req.user!, req.params.id, req.body),
  );
}

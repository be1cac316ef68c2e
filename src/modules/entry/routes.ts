import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { MODEL_BASE } from '../model/catalogue-routes.js';
import { ObjectParams } from '../model/schemas.js';
import { addComment, deleteComment, listComments } from './comment-service.js';
import { cellHistory } from './history-service.js';
import { actualsRoutes } from './import-routes.js';
import { withMessages } from './issues.js';
import {
  CellSet,
  CommentListResponse,
  CommentParams,
  CommentView,
  HistoryBody,
  HistoryResponse,
  NewCommentBody,
} from './schemas.js';

/**
 * Budget entry (issue 7) under `/t/:slug/api/model/cubes/:id/...`: cell history, cell comments
 * and the actuals import. Any signed-in user; rights are checked per cube and per cell.
 */
export function entryRoutes(app: App, deps: AppDeps): void {
  const tags = ['entry'];
  const auth = 'tenant-user' as const;
  const base = `${MODEL_BASE}/cubes/:id`;

  app.post(
    `${base}/history`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: HistoryBody,
        response: { 200: HistoryResponse, ...errorResponses },
      },
    },
    async (req) =>
      withMessages(req.locale, () => cellHistory(req.tenantCtx!, req.user!, req.params.id, req.body)),
  );

  app.post(
    `${base}/comments/list`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: CellSet,
        response: { 200: CommentListResponse, ...errorResponses },
      },
    },
    async (req) =>
      withMessages(req.locale, () => listComments(req.tenantCtx!, req.user!, req.params.id, req.body)),
  );

  app.post(
    `${base}/comments`,
    {
      config: { auth },
      schema: {
        tags,
        params: ObjectParams,
        body: NewCommentBody,
        response: { 201: CommentView, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = userActor(req, req.user!);
      const view = await withMessages(req.locale, () =>
        addComment(deps, req.tenantCtx!, req.user!, req.params.id, req.body, actor),
      );
      return reply.code(201).send(view);
    },
  );

  app.delete(
    `${base}/comments/:commentId`,
    {
      config: { auth },
      schema: { tags, params: CommentParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      const p = req.params;
      await deleteComment(deps, req.tenantCtx!, req.user!, p.id, p.commentId, userActor(req, req.user!));
      return reply.code(204).send(null);
    },
  );

  actualsRoutes(app, deps);
}

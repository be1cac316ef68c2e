import { Outlet, ScrollRestoration, createBrowserRouter } from 'react-router';
import { OperatorLayout, RequireOperator } from './layout/OperatorLayout.js';
import { RequireOrgAdmin, RequireTenantUser, TenantLayout } from './layout/TenantLayout.js';
import { LandingPage } from './pages/Landing.js';
import { NotFoundPage, RouteErrorPage } from './pages/NotFound.js';
import { JobsPage } from './pages/operator/Jobs.js';
import { OutboxPage } from './pages/operator/Outbox.js';
import { SetPasswordPage } from './pages/operator/SetPassword.js';
import { SetupPage } from './pages/operator/Setup.js';
import { StatusPage } from './pages/operator/Status.js';
import { OperatorSignInPage } from './pages/operator/SignIn.js';
import { TenantDetailPage } from './pages/operator/TenantDetail.js';
import { TenantNewPage } from './pages/operator/TenantNew.js';
import { TenantsPage } from './pages/operator/Tenants.js';
import { TerminationsPage } from './pages/operator/Terminations.js';
import { ExportPage } from './pages/tenant/admin/Export.js';
import { AdminsPage } from './pages/tenant/admin/Admins.js';
import { GroupDetailPage } from './pages/tenant/admin/GroupDetail.js';
import { GroupsPage } from './pages/tenant/admin/Groups.js';
import { GroupsImportPage } from './pages/tenant/admin/GroupsImport.js';
import { DimensionDetailPage } from './pages/tenant/model/DimensionDetail.js';
import { DimensionsPage } from './pages/tenant/model/Dimensions.js';
import { ActualsImportPage } from './pages/tenant/model/ActualsImport.js';
import { CataloguePage } from './pages/tenant/model/Catalogue.js';
import { CubesPage } from './pages/tenant/model/Cubes.js';
import { CubeDetailPage } from './pages/tenant/model/CubeDetail.js';
import { WorkflowPage } from './pages/tenant/workflow/WorkflowPage.js';
import { PortalsPage } from './pages/tenant/portals/Portals.js';
import { PortalPage } from './pages/tenant/portals/Portal.js';
import { PortalEditorPage } from './pages/tenant/portals/PortalEditor.js';
import { RightsPage } from './pages/tenant/model/rights/Rights.js';
import { ObjectRightsPage } from './pages/tenant/model/rights/ObjectRights.js';
import { GroupRightsPage } from './pages/tenant/model/rights/GroupRights.js';
import { UserRightsPage } from './pages/tenant/model/rights/UserRights.js';
import { FormsPage } from './pages/tenant/forms/Forms.js';
import { FormOpenPage } from './pages/tenant/forms/FormOpen.js';
import { FormEditorPage } from './pages/tenant/forms/FormEditor.js';
import { NumberFormatDefaultPage } from './pages/tenant/forms/NumberFormatDefault.js';
import { SecurityPage } from './pages/tenant/admin/Security.js';
import { LogsPage } from './pages/tenant/logs/LogsPage.js';
import { UserDetailPage } from './pages/tenant/admin/UserDetail.js';
import { UserNewPage } from './pages/tenant/admin/UserNew.js';
import { UsersPage } from './pages/tenant/admin/Users.js';
import { UsersImportPage } from './pages/tenant/admin/UsersImport.js';
import { TenantHomePage } from './pages/tenant/Home.js';
import { ForgotPasswordPage } from './pages/tenant/ForgotPassword.js';
import { InvitePage } from './pages/tenant/Invite.js';
import { MyPage } from './pages/tenant/me/MyPage.js';
import { ResetPasswordPage } from './pages/tenant/ResetPassword.js';
import { TenantSignInPage } from './pages/tenant/SignIn.js';
// provider operations (issue 9)
import { OperatorIncidentsPage } from './pages/operator/ops/Incidents.js';
import { OperatorMaintenancePage } from './pages/operator/ops/Maintenance.js';
import { OperatorSupportPage, OperatorTicketPage } from './pages/operator/ops/Support.js';
import { IncidentPage, IncidentsPage } from './pages/tenant/incidents/Incidents.js';
import { SupportPage } from './pages/tenant/support/Support.js';
import { TicketPage } from './pages/tenant/support/Ticket.js';
import {
  HandbookRedirectPage,
  OperatorHandbookPage,
  TenantHandbookPage,
} from './pages/handbook/HandbookPages.js';
import { DependenciesPage } from './pages/operator/Dependencies.js';
import { ReleasesPage } from './pages/operator/Releases.js';
import { TermsEditPage } from './pages/operator/TermsEdit.js';
import { ReleaseNotesPage } from './pages/tenant/admin/ReleaseNotes.js';
import { TrustPage } from './pages/tenant/admin/Trust.js';
import { BackupsPage } from './pages/operator/Backups.js';
import { TenantBackupsPage } from './pages/tenant/admin/Backups.js';
import { TermsPage } from './pages/Terms.js';
import { PackagesPage } from './pages/tenant/model/Packages.js';
import { OperatorPackagesPage } from './pages/operator/Packages.js';

/** Root route: scroll to top on navigation (and restore on back), then the page. */
function Root() {
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/', element: <LandingPage /> },
      {
        path: '/operator',
        element: <OperatorLayout />,
        children: [
          { path: 'setup', element: <SetupPage /> },
          { path: 'set-password', element: <SetPasswordPage /> },
          { path: 'sign-in', element: <OperatorSignInPage /> },
          {
            element: <RequireOperator />,
            children: [
              { index: true, element: <TenantsPage /> },
              { path: 'tenants/new', element: <TenantNewPage /> },
              { path: 'tenants/:id', element: <TenantDetailPage /> },
              { path: 'jobs', element: <JobsPage /> },
              { path: 'outbox', element: <OutboxPage /> },
              { path: 'outbox/:id', element: <OutboxPage /> },
              { path: 'status', element: <StatusPage /> },
              { path: 'terminations', element: <TerminationsPage /> },
              { path: 'support', element: <OperatorSupportPage /> },
              { path: 'support/:tenantId/:id', element: <OperatorTicketPage /> },
              { path: 'incidents', element: <OperatorIncidentsPage /> },
              { path: 'maintenance', element: <OperatorMaintenancePage /> },
              { path: 'backups', element: <BackupsPage /> },
              { path: 'releases', element: <ReleasesPage /> },
              { path: 'terms', element: <TermsEditPage /> },
              { path: 'dependencies', element: <DependenciesPage /> },
              { path: 'packages', element: <OperatorPackagesPage /> },
              { path: 'handbook/:lang?/:page?', element: <OperatorHandbookPage /> },
            ],
          },
        ],
      },
      {
        path: '/t/:slug',
        element: <TenantLayout />,
        children: [
          { path: 'sign-in', element: <TenantSignInPage /> },
          { path: 'invite', element: <InvitePage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          {
            element: <RequireTenantUser />,
            children: [
              { index: true, element: <TenantHomePage /> },
              { path: 'me', element: <MyPage /> },
              { path: 'support', element: <SupportPage /> },
              { path: 'support/:id', element: <TicketPage /> },
              { path: 'workflow/:id', element: <WorkflowPage /> },
              { path: 'incidents', element: <IncidentsPage /> },
              { path: 'incidents/:id', element: <IncidentPage /> },
              { path: 'handbook/:lang?/:page?', element: <TenantHandbookPage /> },
              { path: 'portals', element: <PortalsPage /> },
              { path: 'portals/:id', element: <PortalPage /> },
              { path: 'forms', element: <FormsPage /> },
              { path: 'forms/:id', element: <FormOpenPage /> },
              {
                path: 'admin',
                element: <RequireOrgAdmin />,
                children: [
                  { path: 'users', element: <UsersPage /> },
                  { path: 'users/new', element: <UserNewPage /> },
                  { path: 'users/import', element: <UsersImportPage /> },
                  { path: 'users/:id', element: <UserDetailPage /> },
                  { path: 'groups', element: <GroupsPage /> },
                  { path: 'groups/import', element: <GroupsImportPage /> },
                  { path: 'groups/:id', element: <GroupDetailPage /> },
                  { path: 'administrators', element: <AdminsPage /> },
                  { path: 'security', element: <SecurityPage /> },
                  { path: 'logs', element: <LogsPage /> },
                  { path: 'export', element: <ExportPage /> },
                  { path: 'releases', element: <ReleaseNotesPage /> },
                  { path: 'trust', element: <TrustPage /> },
                  { path: 'model/dimensions', element: <DimensionsPage /> },
                  { path: 'model/dimensions/:id', element: <DimensionDetailPage /> },
                  { path: 'model', element: <CataloguePage /> },
                  { path: 'model/cubes', element: <CubesPage /> },
                  { path: 'model/cubes/:id', element: <CubeDetailPage /> },
                  { path: 'model/portals/:id', element: <PortalEditorPage /> },
                  { path: 'model/rights', element: <RightsPage /> },
                  { path: 'model/rights/objects/:id', element: <ObjectRightsPage /> },
                  { path: 'model/rights/groups/:id', element: <GroupRightsPage /> },
                  { path: 'model/rights/users/:id', element: <UserRightsPage /> },
                  { path: 'model/forms/new', element: <FormEditorPage /> },
                  { path: 'model/forms/:id/edit', element: <FormEditorPage /> },
                  { path: 'model/number-format', element: <NumberFormatDefaultPage /> },
                  { path: 'model/cubes/:id/actuals', element: <ActualsImportPage /> },
                  { path: 'backups', element: <TenantBackupsPage /> },
                  { path: 'model/packages', element: <PackagesPage /> },
                ],
              },
            ],
          },
        ],
      },
      { path: '/handbook/:lang?/:page?', element: <HandbookRedirectPage /> },
      { path: '/terms', element: <TermsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
